using System;
using System.Collections.Generic;
using System.Threading;
using Kan.Training;

namespace Kan.Training.Tests.Fitting
{
    public class FitTests
    {
        [Fact]
        public void Lbfgs_fit_reduces_the_loss_and_reports_every_step()
        {
            Dataset data = ToyData.Make(300, 300);
            KanNetwork net = KanNetwork.Create(new[] { 2, 5, 1 }, new KanNetworkOptions { Grid = 5 });
            double before = ToyData.Rmse(net.Forward(data.TestInputs), data.TestLabels);
            var reports = new List<FitProgress>();
            FitHistory h = net.Fit(data, new FitOptions { Steps = 20 }, new SyncProgress(reports.Add));
            h.TrainRmse.Count.ShouldBe(20);
            h.TestRmse.Count.ShouldBe(20);
            h.Reg.ShouldAllBe(r => r == 0.0);
            reports.Count.ShouldBe(20);
            reports[19].Step.ShouldBe(20);
            h.TestRmse[19].ShouldBeLessThan(before / 20);
            h.TestRmse[19].ShouldBeLessThan(2e-2);
        }

        [Fact]
        public void Adam_with_minibatches_and_regularisation_reduces_the_loss()
        {
            Dataset data = ToyData.Make(200, 100);
            KanNetwork net = KanNetwork.Create(new[] { 2, 3, 1 });
            double before = ToyData.Rmse(net.Forward(data.TestInputs), data.TestLabels);
            FitHistory h = net.Fit(data, new FitOptions { Optimizer = Optimizer.Adam, LearningRate = 0.05, Steps = 150, Batch = 64, Lamb = 1e-3, UpdateGrid = false });
            h.Reg.ShouldAllBe(r => r > 0.0);
            h.TestRmse[h.TestRmse.Count - 1].ShouldBeLessThan(before / 3);
        }

        [Fact]
        public void Thread_count_changes_nothing_but_the_time()
        {
            // 700 rows: several row segments, with the regulariser's streamed moments.
            Dataset data = ToyData.Make(700, 50);
            FitHistory Run(int threads)
            {
                KanNetwork net = KanNetwork.Create(new[] { 2, 3, 1 }, new KanNetworkOptions { Grid = 4 });
                return net.Fit(data, new FitOptions { Steps = 4, Lamb = 1e-3, MaxDegreeOfParallelism = threads });
            }

            FitHistory one = Run(1), all = Run(-1);
            all.TrainRmse.ShouldBe(one.TrainRmse);
            all.TestRmse.ShouldBe(one.TestRmse);
            all.Reg.ShouldBe(one.Reg);
            all.Evaluations.ShouldBe(one.Evaluations);
            one.Evaluations.ShouldBeGreaterThan(8); // each step: at least one train evaluation and one test evaluation
        }

        [Theory]
        [InlineData(0)]
        [InlineData(-2)]
        public void A_thread_count_that_is_neither_positive_nor_minus_one_is_an_error(int threads)
        {
            KanNetwork net = KanNetwork.Create(new[] { 2, 1 });
            Should.Throw<ArgumentOutOfRangeException>(() => net.Fit(ToyData.Make(20, 5), new FitOptions { Steps = 1, MaxDegreeOfParallelism = threads }))
                .Message.ShouldContain("MaxDegreeOfParallelism");
        }

        [Fact]
        public void An_undefined_optimizer_is_an_error()
        {
            Dataset data = ToyData.Make(20, 10);
            KanNetwork net = KanNetwork.Create(new[] { 2, 1 });
            Should.Throw<ArgumentException>(() => net.Fit(data, new FitOptions { Optimizer = (Optimizer)7, Steps = 1 })).Message.ShouldContain("Optimizer");
        }

        [Fact]
        public void Fitting_is_deterministic()
        {
            Dataset data = ToyData.Make(300, 50);
            KanNetwork a = KanNetwork.Create(new[] { 2, 3, 1 });
            KanNetwork b = KanNetwork.Create(new[] { 2, 3, 1 });
            a.Fit(data, new FitOptions { Steps = 5, Lamb = 1e-2 });
            b.Fit(data, new FitOptions { Steps = 5, Lamb = 1e-2 });
            a.ToModel().ShouldBe(b.ToModel());
        }

        [Fact]
        public void Cancellation_stops_the_fit()
        {
            Dataset data = ToyData.Make(100, 10);
            KanNetwork net = KanNetwork.Create(new[] { 2, 3, 1 });
            using var cts = new CancellationTokenSource();
            int steps = 0;
            Should.Throw<OperationCanceledException>(() => net.Fit(data, new FitOptions { Steps = 50 }, new SyncProgress(p =>
            {
                steps = p.Step;
                if (p.Step == 3)
                {
                    cts.Cancel();
                }
            }), cts.Token));
            steps.ShouldBe(3);
        }

        [Theory]
        [InlineData(Optimizer.Lbfgs)]
        [InlineData(Optimizer.Adam)]
        public void A_diverging_loss_throws_and_keeps_the_last_good_parameters(Optimizer optimizer)
        {
            Dataset good = ToyData.Make(100, 10);
            var labels = (double[,])good.TrainLabels.Clone();
            labels[0, 0] = 1e200; // squared error overflows to infinity
            var bad = new Dataset(good.TrainInputs, labels, good.TestInputs, good.TestLabels);
            KanNetwork net = KanNetwork.Create(new[] { 2, 3, 1 });
            KanModel before = net.ToModel();
            var ex = Should.Throw<TrainingDivergedException>(() => net.Fit(bad, new FitOptions { Steps = 5, Optimizer = optimizer }));
            ex.Step.ShouldBe(0);
            ex.Message.ShouldContain("diverged");
            // The advice fits the run: Adam is suggested only to a run that does not already use it.
            if (optimizer == Optimizer.Adam)
            {
                ex.Message.ShouldNotContain("or the Adam optimizer");
                ex.Message.ShouldContain("already Adam");
            }
            else
            {
                ex.Message.ShouldContain("or the Adam optimizer");
            }
            net.ToModel().ShouldBe(before);
        }

        [Fact]
        public void Symbolic_affines_are_trained_when_an_edge_is_symbolic()
        {
            // y = 2 sin(3x) - 0.5 with a symbolic sin edge starting from a wrong affine.
            Dataset data = Dataset.FromFunction(v => 2 * Math.Sin(3 * v[0]) - 0.5, 1, new[] { (-1.0, 1.0) }, 200, 50, 3);
            KanNetwork net = KanNetwork.Create(new[] { 1, 1 });
            net.SetSymbolic(0, 0, 0, "sin", 2.5, 0.1, 1.5, 0.0);
            net.SetMode(0, 0, 0, "s");
            FitHistory h = net.Fit(data, new FitOptions { Steps = 30, UpdateGrid = false });
            h.TestRmse[h.TestRmse.Count - 1].ShouldBeLessThan(1e-6);
            NetworkLayer layer = net.Layers[0];
            Math.Abs(layer.SymbolicA[0] * layer.SymbolicC[0]).ShouldBe(6.0, 1e-4);
        }

        private sealed class SyncProgress : IProgress<FitProgress>
        {
            private readonly Action<FitProgress> _action;

            public SyncProgress(Action<FitProgress> action) => _action = action;

            public void Report(FitProgress value) => _action(value);
        }
    }
}
