using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Kan.Format;
using Kan.Symbolic;
using Kan.Training.Symbolic;

namespace Kan.Training.Tests.Symbolic;

/// <summary>Every library function: value against System.Math, derivative against finite differences, safe variants.</summary>
public class LibraryFunctionTests
{
    // Independent definitions with System.Math, and a domain where each function is smooth.
    private static readonly Dictionary<string, (Func<double, double> Reference, double Lo, double Hi)> Definitions = new()
    {
        ["x"] = (x => x, -2, 2),
        ["x^2"] = (x => Math.Pow(x, 2), -2, 2),
        ["x^3"] = (x => Math.Pow(x, 3), -2, 2),
        ["x^4"] = (x => Math.Pow(x, 4), -2, 2),
        ["x^5"] = (x => Math.Pow(x, 5), -2, 2),
        ["1/x"] = (x => Math.Pow(x, -1), 0.2, 2),
        ["1/x^2"] = (x => Math.Pow(x, -2), 0.2, 2),
        ["1/x^3"] = (x => Math.Pow(x, -3), 0.2, 2),
        ["1/x^4"] = (x => Math.Pow(x, -4), 0.2, 2),
        ["1/x^5"] = (x => Math.Pow(x, -5), 0.2, 2),
        ["sqrt"] = (x => Math.Sqrt(x), 0.05, 3),
        ["x^0.5"] = (x => Math.Pow(x, 0.5), 0.05, 3),
        ["x^1.5"] = (x => Math.Pow(x, 1.5), 0.05, 3),
        ["1/sqrt(x)"] = (x => 1 / Math.Sqrt(x), 0.05, 3),
        ["1/x^0.5"] = (x => Math.Pow(x, -0.5), 0.05, 3),
        ["exp"] = (x => Math.Exp(x), -3, 3),
        ["log"] = (x => Math.Log(x), 0.05, 3),
        ["abs"] = (x => Math.Abs(x), 0.05, 3),
        ["sin"] = (x => Math.Sin(x), -4, 4),
        ["cos"] = (x => Math.Cos(x), -4, 4),
        ["tan"] = (x => Math.Tan(x), -1.3, 1.3),
        ["tanh"] = (x => Math.Tanh(x), -3, 3),
        ["sgn"] = (x => Math.Sign(x), 0.05, 3),
        ["arcsin"] = (x => Math.Asin(x), -0.95, 0.95),
        ["arccos"] = (x => Math.Acos(x), -0.95, 0.95),
        ["arctan"] = (x => Math.Atan(x), -3, 3),
        ["arctanh"] = (x => Math.Atanh(x), -0.95, 0.95),
        ["0"] = (x => 0.0, -2, 2),
        ["gaussian"] = (x => Math.Exp(-x * x), -3, 3),
    };

    public static TheoryData<string> Names()
    {
        var data = new TheoryData<string>();
        foreach (var f in SymbolicFunctions.All)
        {
            data.Add(f.Name);
        }

        return data;
    }

    [Fact]
    public void Every_builtin_has_a_reference_definition_and_the_library_holds_them_all()
    {
        SymbolicFunctions.All.Select(f => f.Name).OrderBy(n => n).ShouldBe(Definitions.Keys.OrderBy(n => n));
        new SymbolicLibrary().Names.ShouldBe(SymbolicFunctions.All.Select(f => f.Name));
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Value_matches_System_Math_and_derivative_matches_central_differences(string name)
    {
        LibraryFunction f = SymbolicLibrary.Default.Get(name);
        var (reference, lo, hi) = Definitions[name];
        var rng = new Random(name.GetHashCode(StringComparison.Ordinal) & 0xffff);
        for (int p = 0; p < 200; p++)
        {
            double x = lo + (hi - lo) * rng.NextDouble();
            double expected = reference(x);
            f.Value(x).ShouldBe(expected, 1e-13 * Math.Max(1, Math.Abs(expected)), $"{name}({x:R})");
            const double h = 1e-6;
            double fd = (f.Value(x + h) - f.Value(x - h)) / (2 * h);
            f.Derivative(x).ShouldBe(fd, 1e-6 * Math.Max(1, Math.Abs(fd)), $"{name}'({x:R})");
        }
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Safe_variant_is_finite_everywhere_and_equals_the_function_away_from_singularities(string name)
    {
        LibraryFunction f = SymbolicLibrary.Default.Get(name);
        const double yTh = 10.0;
        double[] hostile = { 0.0, -0.0, 1e-300, -1e-300, 1.0, -1.0, Math.PI / 2, -Math.PI / 2, 1e6, -1e6, 800, -800 };
        foreach (double x in hostile)
        {
            var (v, d) = f.SafeEvaluate(x, yTh);
            if (f.SafeVariant is not null)
            {
                double.IsFinite(v).ShouldBeTrue($"{name} safe({x})");
                double.IsFinite(d).ShouldBeTrue($"{name} safe'({x})");
            }
        }

        var (reference, lo, hi) = Definitions[name];
        var rng = new Random(11);
        for (int p = 0; p < 100; p++)
        {
            double x = lo + (hi - lo) * rng.NextDouble();
            if (!FarFromGuard(name, x, yTh))
            {
                continue;
            }

            var (v, d) = f.SafeEvaluate(x, yTh);
            v.ShouldBe(reference(x), 1e-12 * Math.Max(1, Math.Abs(v)), $"{name} safe({x:R})");
            d.ShouldBe(f.Derivative(x), 1e-9 * Math.Max(1, Math.Abs(d)), $"{name} safe'({x:R})");
        }
    }

    [Fact]
    public void Safe_variants_follow_pykan_inside_their_guards()
    {
        var lib = SymbolicLibrary.Default;
        lib.Get("1/x").SafeEvaluate(0.05, 10).Value.ShouldBe(10 * 10 * 0.05, 1e-12);   // y_th/x_th*x with x_th = 1/y_th
        lib.Get("1/x^2").SafeEvaluate(0.1, 10).Value.ShouldBe(10, 1e-12);              // y_th inside x_th = y_th^-1/2
        lib.Get("log").SafeEvaluate(1e-9, 10).Value.ShouldBe(-10);                      // -y_th inside x_th = e^-y_th
        lib.Get("exp").SafeEvaluate(5, 10).Value.ShouldBe(10);                          // y_th above log(y_th)
        lib.Get("arcsin").SafeEvaluate(3, 10).Value.ShouldBe(Math.PI / 2);
        lib.Get("arccos").SafeEvaluate(-3, 10).Value.ShouldBe(Math.PI);
        lib.Get("tan").SafeEvaluate(Math.PI / 2, 10).Value.ShouldBe(0.0, 1e-12);        // linear through the pole
        lib.Get("sqrt").SafeEvaluate(-4, 10).Value.ShouldBe(-2, 1e-12);                 // sign(x)*sqrt(|x|)
        lib.Get("sqrt").SafeVariant.ShouldBe("f_sqrt");
        lib.Get("sin").SafeVariant.ShouldBeNull();
    }

    private static bool FarFromGuard(string name, double x, double yTh) => name switch
    {
        "1/x" or "1/x^3" or "1/x^5" or "1/x^2" or "1/x^4" => Math.Abs(x) > 1.0,
        "sqrt" or "x^0.5" or "1/sqrt(x)" or "1/x^0.5" => Math.Abs(x) > 1.0 / (yTh * yTh),
        "log" => Math.Abs(x) > Math.Exp(-yTh),
        "exp" => x < Math.Log(yTh),
        "tan" => Math.Abs(x) < 1.3,
        "arctanh" => Math.Abs(x) < Math.Tanh(yTh) - 1e-4,
        _ => true,
    };

    [Fact]
    public void Custom_functions_register_fit_and_cannot_be_saved_to_kan_v1()
    {
        var lib = new SymbolicLibrary();
        LibraryFunction sigmoid = lib.Register("sigmoid", x => 1 / (1 + Math.Exp(-x)), x => Math.Exp(-x) / Math.Pow(1 + Math.Exp(-x), 2), 3, "(1.0 / (1.0 + global::System.Math.Exp(-{0})))");
        lib.Get("sigmoid").ShouldBeSameAs(sigmoid);
        sigmoid.IsBuiltIn.ShouldBeFalse();
        Should.Throw<ArgumentException>(() => lib.Register("sin", Math.Sin, Math.Cos, 2, "global::System.Math.Sin({0})"));
        SymbolicLibrary.Default.TryGet("sigmoid", out _).ShouldBeFalse();

        var x = Enumerable.Range(0, 200).Select(i => -1 + i / 100.0).ToArray();
        var y = x.Select(v => 2.0 / (1 + Math.Exp(-(1.5 * v - 0.25))) + 0.5).ToArray();
        AffineFit fit = ParameterFit.FitParams(x, y, sigmoid.Value);
        fit.R2.ShouldBeGreaterThan(0.999);

        var model = new KanModel(ImmutableArray.Create("x1"), ImmutableArray.Create("y1"), default, ImmutableArray.Create(OneEdgeLayer("sigmoid")));
        var error = Should.Throw<InvalidOperationException>(() => KanFile.ToText(model));
        error.Message.ShouldContain("'sigmoid'");
        error.Message.ShouldContain(".kan v1");
        KanFile.ToText(new KanModel(ImmutableArray.Create("x1"), ImmutableArray.Create("y1"), default, ImmutableArray.Create(OneEdgeLayer("sin")))).ShouldContain("\"sin\"");
    }

    private static KanLayer OneEdgeLayer(string fn) => new KanLayer.Builder(new LayerTopology(1, 1, ImmutableArray<int>.Empty))
    {
        K = 1,
        BaseFunction = BaseFunction.Silu,
        Knots = ImmutableArray.Create(-1.0, 0.0, 1.0, 2.0),
        Coefficients = ImmutableArray.Create(0.0, 0.0),
        ScaleBase = ImmutableArray.Create(0.0),
        ScaleSpline = ImmutableArray.Create(0.0),
        Mask = ImmutableArray.Create(0.0),
        Symbolic = ImmutableArray.Create(new SymbolicEdge(0, 0, fn, 1, 0, 1, 0, 1)),
        SubnodeScale = ImmutableArray.Create(1.0),
        SubnodeBias = ImmutableArray.Create(0.0),
        NodeScale = ImmutableArray.Create(1.0),
        NodeBias = ImmutableArray.Create(0.0),
    }.Build();
}
