using System;
using System.Linq;
using Kan.Training.Optimizers;

namespace Kan.Training.Tests.Optimizers
{
    public class FlatVectorTests
    {
        /// <summary>
        /// LBFGS's element-wise updates and maxima run in SIMD lanes with a scalar tail; every element, and every
        /// maximum, must get the bits of the plain scalar expression, for every length (tails of all sizes) and for
        /// signed zeros, NaN, infinities, subnormals and values whose products round.
        /// </summary>
        [Fact]
        public void Element_wise_updates_and_maxima_give_the_scalar_bits_for_every_length_and_special_value()
        {
            var random = new Random(5);
            double[] special = { 0.0, -0.0, double.NaN, double.PositiveInfinity, double.NegativeInfinity, double.Epsilon, -double.Epsilon, 1e308, -1e-308 };
            for (int trial = 0; trial < 2000; trial++)
            {
                int n = trial % 40;
                double Value() => random.Next(5) == 0 ? special[random.Next(special.Length)] : (random.NextDouble() - 0.5) * Math.Pow(10, random.Next(-20, 20));
                double[] x = Enumerable.Range(0, n).Select(_ => Value()).ToArray();
                double[] y = Enumerable.Range(0, n).Select(_ => Value()).ToArray();
                double a = Value();

                double[] axpy = (double[])y.Clone();
                FlatVector.Axpy(a, x, axpy);
                Bits(axpy).ShouldBe(Bits(y.Select((v, i) => v + a * x[i])), $"Axpy, trial {trial}");

                var difference = new double[n];
                FlatVector.Difference(x, y, difference);
                Bits(difference).ShouldBe(Bits(x.Select((v, i) => v - y[i])), $"Difference, trial {trial}");

                var scaled = new double[n];
                FlatVector.Scale(x, a, scaled);
                Bits(scaled).ShouldBe(Bits(x.Select(v => v * a)), $"Scale, trial {trial}");

                double maxAbs = 0, maxScaled = 0;
                foreach (double v in x)
                {
                    maxAbs = Math.Max(maxAbs, Math.Abs(v));
                    maxScaled = Math.Max(maxScaled, Math.Abs(v * a));
                }

                // Only NaN-ness matters for a NaN maximum (LBFGS compares it with its tolerances).
                double.IsNaN(FlatVector.MaxAbs(x)).ShouldBe(double.IsNaN(maxAbs), $"MaxAbs NaN, trial {trial}");
                double.IsNaN(FlatVector.MaxAbs(x, a)).ShouldBe(double.IsNaN(maxScaled), $"scaled MaxAbs NaN, trial {trial}");
                if (!double.IsNaN(maxAbs))
                {
                    BitConverter.DoubleToInt64Bits(FlatVector.MaxAbs(x)).ShouldBe(BitConverter.DoubleToInt64Bits(maxAbs), $"MaxAbs, trial {trial}");
                }

                if (!double.IsNaN(maxScaled))
                {
                    BitConverter.DoubleToInt64Bits(FlatVector.MaxAbs(x, a)).ShouldBe(BitConverter.DoubleToInt64Bits(maxScaled), $"scaled MaxAbs, trial {trial}");
                }

                double[] inPlace = (double[])x.Clone();
                FlatVector.Scale(inPlace, a, inPlace);
                Bits(inPlace).ShouldBe(Bits(scaled), $"Scale in place, trial {trial}");
            }
        }

        private static long[] Bits(System.Collections.Generic.IEnumerable<double> v) => v.Select(BitConverter.DoubleToInt64Bits).ToArray();
    }
}
