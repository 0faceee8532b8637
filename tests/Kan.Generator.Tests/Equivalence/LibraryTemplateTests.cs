using System;
using System.Collections.Immutable;
using System.Linq;
using Kan.Evaluation;
using Kan.Generator.Tests.Support;
using Kan.Runtime.Tests.Support;
using Kan.Symbolic;

namespace Kan.Generator.Tests.Equivalence;

/// <summary>
/// Coverage guard for the symbolic library: random models reach a function only by chance (and float models, fewer
/// of them, miss some), so one model puts every library function on its own output, <c>c * f(a * x + b) + d</c>,
/// and its double and float builds must match the evaluator output by output: each function's double template
/// within 1e-12 and its float template within the float bound. A function added to the library joins automatically
/// (and needs a domain in <see cref="RandomModels.SafeDomains"/>).
/// </summary>
public class LibraryTemplateTests
{
    [Fact]
    public void Every_library_function_runs_in_its_double_and_float_template()
    {
        string[] names = SymbolicFunctions.All.Select(f => f.Name).ToArray();
        KanModel model = EveryFunction(names);
        var inputs = Enumerable.Range(0, 201).Select(n => -1.0 + n / 100.0).ToArray();
        var evaluator = new KanEvaluator(model);
        var doubles = CompiledModels.Compile(new[] { model });
        var floats = CompiledModels.Compile(new[] { model }, "float");
        var predict = doubles.Predict(0);
        var predictFloat = floats.PredictFloat(0);
        var expected = new double[names.Length];
        var actual = new double[names.Length];
        var single = new float[names.Length];
        foreach (double x in inputs)
        {
            evaluator.Evaluate(new[] { x }, expected);
            predict(new[] { x }, actual);
            predictFloat(new[] { (float)x }, single);
            for (int j = 0; j < names.Length; j++)
            {
                Tolerance.Error(actual[j], expected[j]).ShouldBeLessThanOrEqualTo(Tolerance.Double, $"double template of {names[j]} at x = {x:R}: generated {actual[j]:R}, evaluator {expected[j]:R}");
                Tolerance.Error(single[j], expected[j]).ShouldBeLessThanOrEqualTo(FloatModeTests.Bound, $"float template of {names[j]} at x = {x:R}: generated {single[j]:R}, evaluator {expected[j]:R}");
            }
        }
    }

    /// <summary>One input in [-1, 1]; output j is library function j with its argument mapped onto its safe domain.</summary>
    private static KanModel EveryFunction(string[] names)
    {
        int n = names.Length;
        var symbolic = names.Select((name, j) =>
        {
            (double lo, double hi) = RandomModels.SafeDomains[name];
            double a = (hi - lo) / 2, b = (hi + lo) / 2;
            return new SymbolicEdge(0, j, name, a, b, 0.75 - 0.01 * j, 0.125, 1.0);
        }).ToImmutableArray();
        ImmutableArray<double> Repeat(double v, int count) => Enumerable.Repeat(v, count).ToImmutableArray();
        var layer = new KanLayer.Builder(new LayerTopology(1, n, ImmutableArray<int>.Empty))
        {
            K = 1,
            BaseFunction = BaseFunction.Silu,
            Knots = ImmutableArray.Create(-3.0, -1.0, 1.0, 3.0),
            Coefficients = Repeat(0.5, 2 * n),
            ScaleBase = Repeat(1.0, n),
            ScaleSpline = Repeat(1.0, n),
            Mask = Repeat(0.0, n),
            Symbolic = symbolic,
            SubnodeScale = Repeat(1.0, n),
            SubnodeBias = Repeat(0.0, n),
            NodeScale = Repeat(1.0, n),
            NodeBias = Repeat(0.0, n),
        }.Build();
        return new KanModel(ImmutableArray.Create("x"), names.Select((_, j) => "y" + j).ToImmutableArray(), ImmutableArray<int>.Empty,
            ImmutableArray.Create(layer), default, "Library", default, default);
    }
}
