using System;
using System.Linq;
using Kan.Training;
using Kan.Training.Compute;
using Kan.Training.Symbolic;
using Kan.Training.Tests.Compute;

namespace Kan.Training.Tests.Fitting
{
    /// <summary>
    /// <see cref="FitOptions.SingularityAvoiding"/>: the training forward and backward through pykan's safe variants
    /// (<see cref="SingularitySafe"/>) on symbolic edges whose arguments reach the pole or leave the domain.
    /// </summary>
    public class SingularityAvoidingTests
    {
        // y_th small enough that rows fall inside the guards: |u| < 1/2 for 1/x, |u| < 1/4 for 1/sqrt(x) and
        // sqrt, |u| < e^-2 for log.
        private const double YTh = 2.0;

        [Theory]
        [InlineData(0.0)]
        [InlineData(0.2)]
        public void Analytic_gradient_through_the_safe_variants_matches_finite_differences(double lamb)
        {
            int checkedParameters = 0;
            for (int seed = 0; seed < 4; seed++)
            {
                KanNetwork net = SnappedNetwork(seed, out _);
                (double[] inputs, double[] labels) = Rows(seed, 120, -1.0, 1.0, net);
                var plain = new TrainingObjective(net, symbolic: true, lamb, new RegularizerWeights(1.0, 2.0, 0.5, 0.25));
                plain.SetBatch(inputs, labels, 120);
                double.IsFinite(plain.Evaluate(gradient: false)).ShouldBeFalse("the plain functions must meet their singularities on these rows");

                var objective = new TrainingObjective(net, symbolic: true, lamb, new RegularizerWeights(1.0, 2.0, 0.5, 0.25), ComputeOptions.Default, YTh);
                objective.SetBatch(inputs, labels, 120);
                checkedParameters += FiniteDifferences.Check(objective, new ParameterSet(net, symbolic: true), $"seed {seed}");
            }

            checkedParameters.ShouldBeGreaterThan(200);
        }

        [Fact]
        public void The_rows_of_the_gradient_check_fall_inside_every_guard()
        {
            // Guards the test above: each snapped edge sees arguments inside its guard and, for log and sqrt,
            // outside the plain function's domain, so the safe pieces and their derivatives are what is checked.
            for (int seed = 0; seed < 4; seed++)
            {
                KanNetwork net = SnappedNetwork(seed, out (int I, int J, string Fn)[] edges);
                (double[] inputs, _) = Rows(seed, 120, -1.0, 1.0, net);
                NetworkLayer layer = net.Layers[0];
                foreach ((int i, int j, string fn) in edges)
                {
                    int e = layer.EdgeIndex(i, j);
                    double[] u = Enumerable.Range(0, 120).Select(r => layer.SymbolicA[e] * inputs[r * 3 + i] + layer.SymbolicB[e]).ToArray();
                    double guard = fn == "1/x" ? 1 / YTh : fn == "log" ? Math.Exp(-YTh) : 1 / (YTh * YTh);
                    u.Count(v => Math.Abs(v) < guard).ShouldBeGreaterThan(0, $"seed {seed}, {fn}: no row inside the guard");
                    u.Count(v => v < 0).ShouldBeGreaterThan(0, $"seed {seed}, {fn}: no negative argument");
                }
            }
        }

        [Fact]
        public void Away_from_the_guards_the_safe_fit_objective_equals_the_plain_one()
        {
            for (int seed = 0; seed < 6; seed++)
            {
                KanNetwork net = SnappedNetwork(seed, out _);
                // Arguments a*x+b in [0.5*1.1, 1.5*2 + 0.05]: past every guard of y_th = 2 and inside every domain.
                (double[] inputs, double[] labels) = Rows(seed, 90, 1.1, 2.0, net);
                double[] PlainOrSafe(double? yTh, out double value)
                {
                    var objective = new TrainingObjective(net, symbolic: true, 0.1, new RegularizerWeights(1.0, 2.0, 0.5, 0.25), ComputeOptions.Default, yTh);
                    objective.SetBatch(inputs, labels, 90);
                    var parameters = new ParameterSet(net, symbolic: true);
                    var grad = new double[parameters.Count];
                    value = objective.Evaluate(gradient: true);
                    parameters.ReadGradient(objective.Gradients, grad);
                    return grad;
                }

                double[] plain = PlainOrSafe(null, out double plainValue);
                double[] safe = PlainOrSafe(YTh, out double safeValue);
                double.IsFinite(plainValue).ShouldBeTrue();
                safeValue.ShouldBe(plainValue, 1e-12 * Math.Abs(plainValue));
                for (int p = 0; p < plain.Length; p++)
                {
                    safe[p].ShouldBe(plain[p], 1e-12 * Math.Max(1.0, Math.Abs(plain[p])), $"seed {seed}, parameter {p}");
                }
            }
        }

        [Fact]
        public void A_fit_through_a_snapped_reciprocal_whose_argument_crosses_zero_stays_finite_and_trains_the_safe_function()
        {
            // y = 0.5/(x - 0.1) + 0.2 sampled on [-1, 1] with x = 0.1 exactly in both splits: the plain 1/x is infinite
            // there, pykan's f_inv (y_th = 1000) is y_th^2 * u.
            double[,] Column(params double[] v)
            {
                var m = new double[v.Length, 1];
                for (int r = 0; r < v.Length; r++)
                {
                    m[r, 0] = v[r];
                }

                return m;
            }

            double[] trainX = Enumerable.Range(0, 40).Select(k => -0.975 + 0.05 * k).Append(0.1).ToArray();
            double[] testX = Enumerable.Range(0, 20).Select(k => -0.95 + 0.1 * k).Append(0.1).ToArray();
            double Target(double x) => x == 0.1 ? 0.0 : 0.5 / (x - 0.1) + 0.2;
            var data = new Dataset(Column(trainX), Column(trainX.Select(Target).ToArray()), Column(testX), Column(testX.Select(Target).ToArray()));
            KanNetwork Snapped()
            {
                KanNetwork net = KanNetwork.Create(new[] { 1, 1 });
                net.SetSymbolic(0, 0, 0, "1/x", 1.0, -0.1, 0.4, 0.1);
                net.SetMode(0, 0, 0, "s");
                return net;
            }

            Should.Throw<TrainingDivergedException>(() => Snapped().Fit(data, new FitOptions { Steps = 5 }));

            KanNetwork safeNet = Snapped();
            var options = new FitOptions { Steps = 5, SingularityAvoiding = true };
            FitHistory h = safeNet.Fit(data, options);
            h.TrainRmse.ShouldAllBe(v => double.IsFinite(v));
            h.TestRmse.ShouldAllBe(v => double.IsFinite(v));
            h.TestRmse[h.TestRmse.Count - 1].ShouldBeLessThan(1e-3, "the fit recovers 0.5/(x - 0.1) + 0.2 off the pole");

            // The last test loss is the fitted safe function, row by row as SafeEvaluate gives it.
            NetworkLayer layer = safeNet.Layers[0];
            double a = layer.SymbolicA[0], b = layer.SymbolicB[0], c = layer.SymbolicC[0], d = layer.SymbolicD[0];
            (a, b, c, d).ShouldNotBe((1.0, -0.1, 0.4, 0.1), "the fit must have moved the affine");
            LibraryFunction reciprocal = SymbolicLibrary.Default.Get("1/x");
            double sse = testX.Sum(x =>
            {
                double p = layer.SubnodeScale[0] * (c * reciprocal.SafeEvaluate(a * x + b, options.YTh).Value + d) + layer.SubnodeBias[0];
                p = layer.NodeScale[0] * p + layer.NodeBias[0];
                return (p - Target(x)) * (p - Target(x));
            });
            h.TestRmse[h.TestRmse.Count - 1].ShouldBe(Math.Sqrt(sse / testX.Length), 1e-12 * Math.Sqrt(sse / testX.Length));
            Math.Abs(a * 0.1 + b).ShouldBeLessThan(1.0 / options.YTh, "the pole row must lie inside f_inv's guard");
        }

        [Theory]
        [InlineData(0.0)]
        [InlineData(-1.0)]
        [InlineData(double.NaN)]
        [InlineData(double.PositiveInfinity)]
        public void A_threshold_that_is_not_positive_and_finite_is_an_error(double yTh)
        {
            Dataset data = ToyData.Make(20, 10);
            KanNetwork net = KanNetwork.Create(new[] { 2, 1 });
            var e = Should.Throw<ArgumentOutOfRangeException>(() => net.Fit(data, new FitOptions { Steps = 1, SingularityAvoiding = true, YTh = yTh }));
            e.Message.ShouldContain("YTh");
        }

        /// <summary>
        /// A [3,2,1] network whose first layer snaps input 0 to 1/x, input 1 to log, input 2 to sqrt (subnode 0) and
        /// 1/sqrt(x) (subnode 1), symbolic only, with random affine a in [0.5, 1.5], b in [0, 0.05]; the rest splines.
        /// </summary>
        private static KanNetwork SnappedNetwork(int seed, out (int I, int J, string Fn)[] edges)
        {
            KanNetwork net = KanNetwork.Create(new[] { 3, 2, 1 }, new KanNetworkOptions { Seed = seed, Grid = 4 });
            edges = new[] { (0, 0, "1/x"), (1, 0, "log"), (2, 0, "sqrt"), (2, 1, "1/sqrt(x)") };
            var random = new Random(100 + seed);
            foreach ((int i, int j, string fn) in edges)
            {
                net.SetSymbolic(0, i, j, fn, 0.5 + random.NextDouble(), 0.05 * random.NextDouble(), 0.2 + 0.1 * random.NextDouble(), 0.1 * random.NextDouble());
                net.SetMode(0, i, j, "s");
            }

            return net;
        }

        /// <summary>Random rows in [lo, hi]^3 (the grid check's own, so arguments land near zero) and random labels.</summary>
        private static (double[] Inputs, double[] Labels) Rows(int seed, int rows, double lo, double hi, KanNetwork net)
        {
            var random = new Random(seed);
            var inputs = new double[rows * net.CallerInputCount];
            for (int q = 0; q < inputs.Length; q++)
            {
                inputs[q] = lo + (hi - lo) * random.NextDouble();
            }

            var labels = new double[rows * net.OutputCount];
            for (int q = 0; q < labels.Length; q++)
            {
                labels[q] = random.NextDouble();
            }

            return (inputs, labels);
        }
    }
}
