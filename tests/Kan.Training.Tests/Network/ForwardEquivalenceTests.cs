using System;
using Kan.Evaluation;
using Kan.Training;

namespace Kan.Training.Tests.Network
{
    public class ForwardEquivalenceTests
    {
        [Fact]
        public void Forward_equals_the_reference_evaluator_on_random_networks()
        {
            for (int seed = 0; seed < 200; seed++)
            {
                KanNetwork net = RandomNetworks.Make(seed);
                double[,] x = RandomNetworks.Inputs(net, 40, seed + 1000);
                double[,] ours = net.Forward(x);
                var evaluator = new KanEvaluator(net.ToModel());
                var row = new double[net.CallerInputCount];
                var output = new double[net.OutputCount];
                for (int r = 0; r < x.GetLength(0); r++)
                {
                    for (int c = 0; c < row.Length; c++)
                    {
                        row[c] = x[r, c];
                    }

                    evaluator.Evaluate(row, output);
                    for (int o = 0; o < output.Length; o++)
                    {
                        double tol = 1e-12 * Math.Max(1.0, Math.Abs(output[o]));
                        Math.Abs(ours[r, o] - output[o]).ShouldBeLessThanOrEqualTo(tol, $"seed {seed}, row {r}, output {o}");
                    }
                }
            }
        }

        [Fact]
        public void FromModel_of_ToModel_reproduces_the_model_exactly()
        {
            for (int seed = 0; seed < 50; seed++)
            {
                KanNetwork net = RandomNetworks.Make(seed);
                net.SetInputNormalization(Fill(net.CallerInputCount, 0.5 + seed * 0.01), Fill(net.CallerInputCount, 0.1));
                KanModel model = net.ToModel();
                KanNetwork back = KanNetwork.FromModel(model);
                back.ToModel().ShouldBe(model);
                double[,] x = RandomNetworks.Inputs(net, 10, seed);
                back.Forward(x).ShouldBe(net.Forward(x));
            }
        }

        [Fact]
        public void The_generator_object_survives_loading_pruning_and_refining()
        {
            KanModel plain = RandomNetworks.Make(3).ToModel();
            var settings = new GeneratorSettings("Drag", "Game", "internal", "float", false);
            var model = new KanModel(plain.InputNames, plain.OutputNames, plain.InputIds, plain.Layers, plain.Metadata, plain.Name, plain.InputScale, plain.InputBias, settings);
            KanNetwork net = KanNetwork.FromModel(model);
            net.ToModel().Generator.ShouldBe(settings);
            double[,] x = RandomNetworks.Inputs(net, 20, 3);
            net.Prune(x).ToModel().Generator.ShouldBe(settings);
            net.Clone().Refine(5, x).ToModel().Generator.ShouldBe(settings);
        }

        [Fact]
        public void Default_construction_follows_pykan_shapes()
        {
            KanNetwork net = KanNetwork.Create(new[] { 2, 5, 1 });
            net.Widths.ShouldBe(new[] { 2, 5, 1 });
            NetworkLayer first = net.Layers[0];
            first.GridIntervals.ShouldBe(3);
            first.K.ShouldBe(3);
            first.KnotCount.ShouldBe(10);
            first.Knots[3].ShouldBe(-1.0);
            first.Knots[6].ShouldBe(1.0);
            first.ScaleSpline[0].ShouldBe(1 / Math.Sqrt(2), 1e-15);
            foreach (double sb in first.ScaleBase)
            {
                Math.Abs(sb).ShouldBeLessThanOrEqualTo(1 / Math.Sqrt(2));
            }

            // Same seed, same network; another seed, another one.
            KanNetwork.Create(new[] { 2, 5, 1 }).ToModel().ShouldBe(net.ToModel());
            KanNetwork.Create(new[] { 2, 5, 1 }, new KanNetworkOptions { Seed = 2 }).ToModel().ShouldNotBe(net.ToModel());
        }

        private static double[] Fill(int n, double v)
        {
            var a = new double[n];
            Array.Fill(a, v);
            return a;
        }
    }
}
