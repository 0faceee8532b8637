using System;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using Kan.Benchmarks.Training;
using Kan.Formulas;
using Kan.Training;
using Kan.Training.Symbolic;

namespace Kan.Benchmarks.Symbolic
{
    /// <summary>
    /// `showcase`: the paper's (and pykan hellokan's) end-to-end symbolic regression of exp(sin(pi x)+y^2):
    /// [2,5,1] G=3 k=3, 1000+1000 samples on [-1,1]^2, 50 LBFGS steps with lamb=1e-3, prune, refine to G=10, 50 steps,
    /// auto_symbolic with lib [x, x^2, x^3, x^4, exp, log, sqrt, tanh, sin, abs], 50 steps. Optional argument: seed.
    /// Last line: <c>seconds=&lt;s&gt; test_rmse=&lt;r&gt; formula=&lt;formula rounded to 4 digits&gt;</c>.
    /// </summary>
    public sealed class ShowcaseRun : INamedRun
    {
        public static readonly string[] Library = { "x", "x^2", "x^3", "x^4", "exp", "log", "sqrt", "tanh", "sin", "abs" };

        /// <summary>The formula the run must recover (the toy data's inputs are named x1, x2).</summary>
        public const string Expected = "exp(sin(3.1416*x1) + x2^2)";

        public string Name => "showcase";

        public string Description => "exp(sin(pi x)+y^2): train [2,5,1], prune, refine, auto_symbolic, formula";

        public int Run(string[] args)
        {
            int seed = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 1;
            Dataset data = ToyProblem.Data(1000, 1000);
            var watch = Stopwatch.StartNew();
            var net = KanNetwork.Create(new[] { 2, 5, 1 }, new KanNetworkOptions { Grid = 3, K = 3, Seed = seed });
            Report("fit lamb=1e-3", net.Fit(data, new FitOptions { Steps = 50, Lamb = 1e-3 }), watch);
            net = net.Prune(data);
            Console.WriteLine("pruned widths: [" + string.Join(",", net.Widths) + "]");
            net = net.Refine(10, data.TrainInputs);
            Report("fit G=10", net.Fit(data, new FitOptions { Steps = 50 }), watch);
            double before = watch.Elapsed.TotalSeconds;
            foreach (EdgeChoice c in SymbolicRegression.AutoSymbolic(net, data, Library))
            {
                Console.WriteLine("auto_symbolic " + c);
            }

            Console.WriteLine(string.Format(CultureInfo.InvariantCulture, "auto_symbolic took {0:F2}s", watch.Elapsed.TotalSeconds - before));

            FitHistory final = net.Fit(data, new FitOptions { Steps = 50 });
            Report("fit symbolic", final, watch);
            watch.Stop();
            string formula = KanFormula.FromModel(net.ToModel()).Round(4).ToText();
            double testRmse = final.TestRmse.Last();
            Console.WriteLine(string.Format(CultureInfo.InvariantCulture, "seconds={0:F2} test_rmse={1:E3} formula={2}", watch.Elapsed.TotalSeconds, testRmse, formula));
            string simplified = KanFormula.FromModel(net.ToModel()).Simplify().Round(4).ToText();
            return RunResult.Check(Name, FormulaText.EquivalentIgnoringTermOrder(simplified, Expected) && testRmse < 1e-6,
                "expected the formula " + Expected + " with test RMSE below 1e-6, found " + simplified + " with " + testRmse.ToString("E3", CultureInfo.InvariantCulture));
        }

        private static void Report(string stage, FitHistory h, Stopwatch watch) =>
            Console.WriteLine(string.Format(CultureInfo.InvariantCulture, "{0}: train_rmse={1:E3} test_rmse={2:E3} elapsed={3:F2}s", stage, h.TrainRmse.Last(), h.TestRmse.Last(), watch.Elapsed.TotalSeconds));
    }
}
