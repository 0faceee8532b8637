using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Diagnostics;
using System.IO;
using System.Linq;
using Kan;
using Kan.Evaluation;
using Kan.Format;
using Kan.Formulas;
using Kan.Plotting;
using Kan.Training;
using Kan.Training.Symbolic;
using QuickStart;
using Spectre.Console;

// The KAN paper's showcase, end to end: learn f(x, y) = exp(sin(pi*x) + y^2) from samples, find that only one
// hidden node matters, snap every edge to a symbolic function and read the formula off the network.
string outDir = args.Length > 0 ? args[0] : Path.Combine(Environment.CurrentDirectory, "quickstart-output");
Directory.CreateDirectory(outDir);
var total = Stopwatch.StartNew();

AnsiConsole.Write(new Rule("[bold]Kan quick start[/]: f(x, y) = exp(sin(pi*x) + y^2)").LeftJustified());
Dataset data = Dataset.FromFunction(
    v => Math.Exp(Math.Sin(Math.PI * v[0]) + v[1] * v[1]), nVar: 2, ranges: new[] { (-1.0, 1.0) },
    trainCount: 1000, testCount: 1000, seed: 0);
data = new Dataset(data.TrainInputs, data.TrainLabels, data.TestInputs, data.TestLabels, new[] { "x", "y" }, new[] { "f" });

// 1. A [2,5,1] KAN on a coarse grid, trained with a sparsity penalty so that unneeded edges fade.
var net = KanNetwork.Create(new[] { 2, 5, 1 }, new KanNetworkOptions { Grid = 3, K = 3, Seed = 1 });
Train(ref net, data, "train [2,5,1], G=3, lamb=1e-3", new FitOptions { Steps = 50, Lamb = 1e-3 });

// 2. Prune what the penalty switched off: the network shrinks to the shape of the formula.
net = net.Prune(data.TrainInputs);
AnsiConsole.MarkupLine($"pruned to [bold]{Markup.Escape(Shape(net.Widths))}[/]");

// 3. A finer grid (pykan's refine), then train again.
net = net.Refine(10, data.TrainInputs);
Train(ref net, data, "refine to G=10 and train", new FitOptions { Steps = 50 });

// 4. Snap every edge to the best symbolic function, then train the symbolic constants.
var library = new[] { "x", "x^2", "x^3", "x^4", "exp", "log", "sqrt", "tanh", "sin", "abs" };
foreach (EdgeChoice choice in SymbolicRegression.AutoSymbolic(net, data, library))
{
    string what = choice.Best is { } best ? $"[bold]{Markup.Escape(best.Name)}[/]  r2={best.R2:F6}" : choice.Action.ToString();
    AnsiConsole.MarkupLine($"  edge ({choice.Layer},{choice.Input},{choice.Subnode}) -> {what}");
}

FitHistory last = Train(ref net, data, "train the symbolic constants", new FitOptions { Steps = 50 });

// 5. Read off the formula, save the model and its plot.
KanModel model = Named(net.ToModel(), "hello", data);
string formula = KanFormula.FromModel(model).Simplify().Round(4).Render(0, FormulaStyle.Text);
model = WithFormula(model, formula);
string kanPath = Path.Combine(outDir, "hello.kan");
KanFile.Write(model, kanPath);
string svgPath = Path.Combine(outDir, "hello.svg");
File.WriteAllText(svgPath, NetworkPlot.ToSvg(model, Rows(data.TrainInputs, 200), new PlotOptions { Title = "f = " + formula }));

AnsiConsole.MarkupLine($"formula: [bold green]f = {Markup.Escape(formula)}[/]   test RMSE {last.TestRmse[^1]:E2}");
AnsiConsole.MarkupLine($"wrote [blue]{Markup.Escape(kanPath)}[/] and [blue]{Markup.Escape(svgPath)}[/]  ({total.Elapsed.TotalSeconds:F1} s)");

// 6. The compiled model: Models/hello.kan (committed, from an earlier run of this program) became the class
// QuickStart.Hello at build time — plain C#, no Kan assembly needed to run it.
AnsiConsole.Write(new Rule("[bold]The compiled model[/] (Models/hello.kan -> class Hello)").LeftJustified());
var table = new Table().AddColumns("x", "y", "Hello.Predict(x, y)", "exp(sin(pi*x) + y^2)");
foreach (var (x, y) in new[] { (0.0, 0.0), (0.5, 0.5), (-0.3, 0.8), (0.9, -0.9), (1.5, 0.2) })
{
    table.AddRow($"{x}", $"{y}", $"{Hello.Predict(x, y):F9}", $"{Math.Exp(Math.Sin(Math.PI * x) + y * y):F9}");
}

AnsiConsole.Write(table);

// The run fails (exit 1) when it did not do its job, so CI notices: the formula must be the showcase's.
const string Expected = "exp(sin(3.1416*x) + y^2)";
if (!FormulaText.EquivalentIgnoringTermOrder(formula, Expected))
{
    Console.Error.WriteLine($"quickstart: expected the formula {Expected}, found {formula}");
    return 1;
}

var evaluator = new KanEvaluator(KanFile.Read(Path.Combine(AppContext.BaseDirectory, "Models", "hello.kan")));
double[] input = { 0.3, -0.4 }, output = new double[1];
AnsiConsole.MarkupLine($"time per prediction: generated [bold]{Timing.NanosecondsPerCall(() => Hello.Predict(0.3, -0.4)):F1} ns[/], " +
                       $"runtime evaluator {Timing.NanosecondsPerCall(() => { evaluator.Evaluate(input, output); return output[0]; }):F1} ns");
AnsiConsole.MarkupLine($"done in {total.Elapsed.TotalSeconds:F1} s");
return 0;

static FitHistory Train(ref KanNetwork net, Dataset data, string title, FitOptions options)
{
    FitHistory? history = null;
    KanNetwork current = net;
    AnsiConsole.Progress()
        .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
        .Start(ctx =>
        {
            var task = ctx.AddTask(Markup.Escape(title), maxValue: options.Steps);
            history = current.Fit(data, options, new SynchronousProgress<FitProgress>(p =>
            {
                task.Value = p.Step;
                task.Description = Markup.Escape($"{title}  train {p.TrainRmse:E2}  test {p.TestRmse:E2}");
            }));
            task.Value = options.Steps;
        });

    AnsiConsole.MarkupLine($"{Markup.Escape(title)}: test RMSE [bold]{history!.TestRmse[^1]:E2}[/]");
    return history;
}

static string Shape(IEnumerable<int> widths) => "[" + string.Join(",", widths) + "]";

static List<double[]> Rows(double[,] inputs, int count) =>
    Enumerable.Range(0, Math.Min(count, inputs.GetLength(0)))
        .Select(r => Enumerable.Range(0, inputs.GetLength(1)).Select(c => inputs[r, c]).ToArray()).ToList();

static KanModel Named(KanModel m, string name, Dataset data) =>
    new KanModel(data.InputNames.ToImmutableArray(), data.OutputNames.ToImmutableArray(), m.InputIds, m.Layers, m.Metadata, name, m.InputScale, m.InputBias);

static KanModel WithFormula(KanModel m, string formula) =>
    new KanModel(m.InputNames, m.OutputNames, m.InputIds, m.Layers,
        m.Metadata.Add(new KeyValuePair<string, string>("formula", formula)), m.Name, m.InputScale, m.InputBias);
