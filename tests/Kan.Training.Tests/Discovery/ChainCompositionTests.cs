using System;
using System.Collections.Generic;
using System.Linq;
using Kan.Training;
using Kan.Training.Discovery;
using Kan.Training.Symbolic;

namespace Kan.Training.Tests.Discovery
{
    /// <summary>Snapping a chain of two edges as one composition <c>g(f(x))</c> (<see cref="ChainComposition"/>).</summary>
    public class ChainCompositionTests
    {
        private static readonly string[] Inner = { "x^2", "exp", "sin", "1/x", "sqrt", "log" };
        private static readonly string[] Outer = { "1/sqrt(x)", "sqrt", "exp", "sin", "log", "1/x", "tanh" };

        /// <summary>Samples a raw column on [lo, hi] and its normalised form s*x + b on [-1, 1], as discovery's first layer reads it.</summary>
        private static (double[] Normalised, double[] Raw, (double A, double B) RawMap) Column(Random random, double lo, double hi, int rows)
        {
            double s = 2 / (hi - lo), b = -(hi + lo) / (hi - lo);
            double[] raw = Enumerable.Range(0, rows).Select(_ => lo + (hi - lo) * random.NextDouble()).ToArray();
            return (raw.Select(v => s * v + b).ToArray(), raw, (1 / s, -b / s));
        }

        [Fact]
        public void Rank_fits_random_compositions_of_library_functions_of_the_raw_column()
        {
            IReadOnlyList<LibraryFunction> library = SnapLibrary.Resolve(Inner.Concat(Outer).Append("x").Distinct().ToList());
            var random = new Random(11);
            int cases = 0, beyondOneFunction = 0;
            while (cases < 12)
            {
                LibraryFunction f = SymbolicLibrary.Default.Get(Inner[random.Next(Inner.Length)]);
                LibraryFunction g = SymbolicLibrary.Default.Get(Outer[random.Next(Outer.Length)]);
                double lo = 0.2 + random.NextDouble(), hi = lo + 1.5 + 2 * random.NextDouble();
                var (x, raw, map) = Column(random, lo, hi, 200);
                double[] u = raw.Select(f.Value).ToArray();
                // The outer argument spans 1.5 to 3 (well-conditioned, not near-linear) around a centre where g is neither singular nor saturated.
                double span = (1.5 + 1.5 * random.NextDouble()) * (random.NextDouble() < 0.5 ? -1 : 1);
                double a2 = span / (u.Max() - u.Min());
                double centre = g.Name is "exp" or "sin" or "tanh" ? 2 * random.NextDouble() - 1 : 2 + random.NextDouble();
                double b2 = centre - a2 * (u.Max() + u.Min()) / 2;
                if (!SnapLibrary.IsAdmissible(g.Name, a2, b2, u.Min(), u.Max()))
                {
                    continue;
                }

                cases++;
                double[] y = u.Select(v => 1.3 * g.Value(a2 * v + b2) - 0.4).ToArray();
                List<ChainChoice> ranked = ChainComposition.Rank(x, y, library, new[] { map, (1.0, 0.0) }, 41);

                ranked.ShouldNotBeEmpty();
                string what = g.Name + "(" + a2 + "*" + f.Name + "(x) + " + b2 + ") on [" + lo + ", " + hi + "]";
                // Found to 1e-6 of the variance (the retrain polishes); a simpler near-fit may still rank first.
                ranked.Max(c => c.R2).ShouldBeGreaterThan(1 - 1e-9, what);
                double oneFunction = ranked.Where(c => c.Inner.Name == "x").Select(c => c.R2).DefaultIfEmpty(0).Max();
                beyondOneFunction += oneFunction < 1 - 1e-6 ? 1 : 0;
                ranked.Skip(1).ShouldAllBe(c => c.Score >= ranked[0].Score, "ranked by pykan's score");
            }

            beyondOneFunction.ShouldBeGreaterThan(cases / 2, "most compositions fit no single library function");
        }

        [Fact]
        public void The_relativistic_factor_is_found_as_one_over_sqrt_of_a_square_which_no_single_function_fits()
        {
            var (x, raw, map) = Column(new Random(2), 0.1, 0.9, 256);
            double[] y = raw.Select(v => 1 / Math.Sqrt(1 - v * v)).ToArray();
            List<ChainChoice> ranked = ChainComposition.Rank(x, y, SnapLibrary.Resolve(null), new[] { map, (1.0, 0.0) }, 41);

            ranked[0].ToString().ShouldBe("1/sqrt(x)(x^2)");
            ranked[0].R2.ShouldBeGreaterThan(1 - 1e-10);
            ranked.Where(c => c.Inner.Name == "x").Max(c => c.R2).ShouldBeLessThan(1 - 1e-6);
        }

        [Fact]
        public void A_chain_is_two_edges_through_a_node_with_one_input_and_one_output_and_Apply_computes_the_composition()
        {
            var net = new KanNetwork(new LayerWidth[] { 2, 2, 1 }, new KanNetworkOptions { Grid = 3, Seed = 1 });
            ChainComposition.InnerEdge(net, 1, 0, 0).ShouldBeNull("node 0 has two inputs");
            ChainComposition.InnerEdge(net, 0, 0, 0).ShouldBeNull("the first layer has no inner edge");
            net.SetMode(0, 1, 0, "none");
            ChainComposition.InnerEdge(net, 1, 0, 0).ShouldBe((0, 0, 0));
            net.SetMode(0, 0, 0, "s");
            ChainComposition.InnerEdge(net, 1, 0, 0).ShouldBeNull("the inner edge is already symbolic");

            // Apply undoes any node affine between the edges: the chain computes exactly the fitted composition.
            var random = new Random(5);
            for (int trial = 0; trial < 20; trial++)
            {
                var chain = new KanNetwork(new LayerWidth[] { 1, 1, 1 }, new KanNetworkOptions { Grid = 3, Seed = trial });
                NetworkLayer first = chain.Layers[0];
                first.Arrays.SubnodeScale[0] = 0.5 + random.NextDouble();
                first.Arrays.SubnodeBias[0] = random.NextDouble() - 0.5;
                first.Arrays.NodeScale[0] = -(0.5 + random.NextDouble());
                first.Arrays.NodeBias[0] = random.NextDouble() - 0.5;
                double a1 = 0.5 + random.NextDouble(), b1 = 1.5 + random.NextDouble();
                var fit = new AffineFit(random.NextDouble() + 0.2, random.NextDouble(), 2 * random.NextDouble() - 1, random.NextDouble(), 1.0);
                LibraryFunction f = SymbolicLibrary.Default.Get("log"), g = SymbolicLibrary.Default.Get("exp");
                var choice = new ChainChoice(f, a1, b1, new SnapChoice(g, fit, 1.0));

                ChainComposition.Apply(chain, (0, 0, 0), (1, 0, 0), choice).ShouldBeTrue();
                var inputs = new double[5, 1];
                for (int r = 0; r < 5; r++)
                {
                    inputs[r, 0] = 2 * random.NextDouble() - 1;
                }

                double[,] output = chain.Forward(inputs);
                NetworkLayer last = chain.Layers[1];
                for (int r = 0; r < 5; r++)
                {
                    double expected = fit.C * g.Value(fit.A * f.Value(a1 * inputs[r, 0] + b1) + fit.B) + fit.D;
                    expected = last.NodeScale[0] * (last.SubnodeScale[0] * expected + last.SubnodeBias[0]) + last.NodeBias[0];
                    output[r, 0].ShouldBe(expected, 1e-12 * Math.Max(1, Math.Abs(expected)));
                }
            }
        }
    }
}
