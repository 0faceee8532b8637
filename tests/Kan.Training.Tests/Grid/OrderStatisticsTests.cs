using System;
using System.Linq;
using Kan.Training.Grid;

namespace Kan.Training.Tests.Grid
{
    public class OrderStatisticsTests
    {
        /// <summary>
        /// The grid update's quantiles: the values at the requested ranks are, bit for bit, those of a full
        /// Array.Sort, over random sizes and rank sets, on random, sorted, reversed, few-valued and constant data,
        /// and on data with NaN, +0.0 and -0.0 (where only the sort itself decides which zero lands where).
        /// </summary>
        [Fact]
        public void Picked_ranks_hold_the_values_of_a_full_sort()
        {
            var random = new Random(13);
            int checkedRanks = 0;
            for (int trial = 0; trial < 3000; trial++)
            {
                int n = trial % 7 == 0 ? 1 + random.Next(20) : 1 + random.Next(3000);
                double[] values = Data(random, trial % 8, n);
                int[] ranks = Ranks(random, n);
                double[] sorted = (double[])values.Clone();
                Array.Sort(sorted);
                var picked = new double[ranks.Length];
                OrderStatistics.Pick(values, ranks, picked);
                for (int j = 0; j < ranks.Length; j++)
                {
                    BitConverter.DoubleToInt64Bits(picked[j]).ShouldBe(BitConverter.DoubleToInt64Bits(sorted[ranks[j]]), $"trial {trial}, n {n}, rank {ranks[j]}");
                    checkedRanks++;
                }

                // The input is only reordered.
                values.Select(BitConverter.DoubleToInt64Bits).Order().ShouldBe(sorted.Select(BitConverter.DoubleToInt64Bits).Order());
            }

            checkedRanks.ShouldBeGreaterThan(20_000);
        }

        private static double[] Data(Random random, int kind, int n)
        {
            var v = new double[n];
            for (int i = 0; i < n; i++)
            {
                v[i] = kind switch
                {
                    0 => random.NextDouble() * 2 - 1,
                    1 => i * 0.5,
                    2 => n - i,
                    3 => random.Next(4) - 1.5,
                    4 => 3.25,
                    5 => random.Next(5) switch { 0 => 0.0, 1 => -0.0, _ => random.NextDouble() - 0.5 },
                    6 => random.Next(50) == 0 ? double.NaN : random.NextDouble() * 1e6,
                    _ => Math.Exp(random.NextDouble() * 40 - 20) * (random.Next(2) * 2 - 1),
                };
            }

            return v;
        }

        /// <summary>The grid update's ranks (int(n / G * p) and n - 1) for a random G, sometimes with random extra ranks.</summary>
        private static int[] Ranks(Random random, int n)
        {
            int g = 1 + random.Next(60);
            var ranks = Enumerable.Range(0, g).Select(p => (int)((double)n / g * p)).Append(n - 1);
            if (random.Next(3) == 0)
            {
                ranks = ranks.Concat(Enumerable.Range(0, random.Next(5)).Select(_ => random.Next(n)));
            }

            return ranks.Order().ToArray();
        }
    }
}
