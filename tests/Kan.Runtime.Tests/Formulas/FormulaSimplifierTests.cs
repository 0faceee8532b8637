using System;
using Kan.Formulas;
using Kan.Symbolic;

namespace Kan.Runtime.Tests.Formulas;

public class FormulaSimplifierTests
{
    private static readonly Expr X = Expr.Variable(0, "x1");
    private static readonly Expr Y = Expr.Variable(1, "x2");

    private static Expr F(string name, Expr arg) => Expr.Call(SymbolicFunctions.Get(name), arg);

    private static string S(Expr e) => FormulaSimplifier.Simplify(e).ToString();

    [Fact]
    public void Affine_chains_merge_and_unit_coefficients_and_zero_terms_vanish()
    {
        S(Expr.Affine(1.0, Expr.Affine(2.0, X, 3.0), -3.0)).ShouldBe("2*x1");
        S(Expr.Add(Expr.Multiply(Expr.Constant(1.0), X), Expr.Constant(0.0))).ShouldBe("x1");
        S(Expr.Add(X, Expr.Multiply(Expr.Constant(-1.0), X), Y)).ShouldBe("x2");
        S(Expr.Multiply(Expr.Constant(0.0), F("sin", X))).ShouldBe("0");
    }

    [Fact]
    public void Odd_functions_pull_out_the_sign_and_even_ones_drop_it()
    {
        S(F("sin", Expr.Multiply(Expr.Constant(-3.0), X))).ShouldBe("-sin(3*x1)");
        S(F("cos", Expr.Multiply(Expr.Constant(-3.0), X))).ShouldBe("cos(3*x1)");
        S(F("tanh", Expr.Affine(-1.0, X, 2.0))).ShouldBe("-tanh(x1 - 2)");
    }

    [Fact]
    public void Powers_of_affines_expand_and_constants_fold()
    {
        S(F("x^2", Expr.Affine(1.0, X, 1.0))).ShouldBe("2*x1 + x1^2 + 1");
        S(F("sin", Expr.Constant(0.0))).ShouldBe("0");
        S(Expr.Multiply(F("1/x", X), X)).ShouldBe("1");
        S(F("1/x^0.5", X)).ShouldBe("sqrt(x1)^(-1)");
    }

    [Fact]
    public void Exp_absorbs_its_constant_into_the_coefficient()
    {
        S(F("exp", Expr.Affine(1.0, X, Math.Log(2.0)))).ShouldBe("2*exp(x1)");
    }

    [Fact]
    public void Logs_split_positive_coefficients_and_exp_of_integer_log_sums_is_a_product()
    {
        S(F("log", Expr.Multiply(Expr.Constant(Math.E), X))).ShouldBe("log(x1) + 1");
        S(F("exp", Expr.Add(F("log", X), Expr.Multiply(Expr.Constant(-1.0), F("log", Y))))).ShouldBe("x1*x2^(-1)");
        S(F("exp", Expr.Multiply(Expr.Constant(0.5), F("log", X)))).ShouldBe("exp(0.5*log(x1))");
        // The quotient a KAN learns through log and exp: 4.2072*exp(log(0.58*x1) - log(2.4402*x2)) is x1/x2.
        Expr learnt = Expr.Multiply(Expr.Constant(4.2072), F("exp", Expr.Add(F("log", Expr.Multiply(Expr.Constant(0.58), X)), Expr.Multiply(Expr.Constant(-1.0), F("log", Expr.Multiply(Expr.Constant(2.4402), Y))))));
        FormulaSimplifier.Round(learnt, 4).ToString().ShouldBe("x1*x2^(-1)");
    }

    [Fact]
    public void Sqrt_pulls_out_a_lone_coefficient_or_its_constant_term_and_stays_equal()
    {
        S(F("sqrt", Expr.Multiply(Expr.Constant(4.0), X))).ShouldBe("2*sqrt(x1)");
        S(F("1/sqrt(x)", Expr.Add(Expr.Constant(0.25), Expr.Multiply(Expr.Constant(-0.25), F("x^2", X))))).ShouldBe("2*sqrt(-x1^2 + 1)^(-1)");
        S(F("sqrt", Expr.Affine(1.0, X, 1e-9))).ShouldBe("sqrt(x1 + 1E-09)");
        S(F("sqrt", Expr.Affine(-2.0, X, -3.0))).ShouldBe("sqrt(-2*x1 - 3)");
        var random = new Random(7);
        for (int trial = 0; trial < 200; trial++)
        {
            Expr e = F("sqrt", Expr.Add(Expr.Constant(random.NextDouble() * 4), Expr.Multiply(Expr.Constant(random.NextDouble() * 4 - 2), X), Expr.Multiply(Expr.Constant(random.NextDouble()), F("x^2", Y))));
            Expr simplified = FormulaSimplifier.Simplify(e);
            double[] at = { random.NextDouble() * 0.5, random.NextDouble() };
            double before = e.Evaluate(at), after = simplified.Evaluate(at);
            if (double.IsFinite(before))
            {
                after.ShouldBe(before, 1e-12 * Math.Max(1, Math.Abs(before)), e + " -> " + simplified);
            }
        }
    }

    [Fact]
    public void Rounding_drops_terms_that_round_to_zero_and_coefficients_that_round_to_one()
    {
        Expr e = Expr.Add(Expr.Multiply(Expr.Constant(1.00000004), F("sin", Expr.Multiply(Expr.Constant(3.14159265), X))), Expr.Multiply(Expr.Constant(3e-7), Y), Expr.Constant(-2e-6));
        FormulaSimplifier.Round(e, 4).ToString().ShouldBe("sin(3.1416*x1)");
    }

    [Fact]
    public void Renders_csharp_and_latex()
    {
        Expr e = FormulaSimplifier.Simplify(F("exp", Expr.Add(F("sin", Expr.Multiply(Expr.Constant(3.5), X)), F("x^2", Y))));
        FormulaRenderer.Render(e, FormulaStyle.CSharp).ShouldBe("global::System.Math.Exp(global::System.Math.Sin(3.5 * x1) + (x2 * x2))");
        FormulaRenderer.Render(e, FormulaStyle.Latex).ShouldBe("e^{\\sin{\\left(3.5 x_{1}\\right)} + x_{2}^{2}}");
        FormulaRenderer.Render(Expr.Add(X, Expr.Constant(-2.0)), FormulaStyle.CSharp).ShouldBe("x1 - 2.0");
    }

    [Fact]
    public void Term_order_comparison_ignores_order_but_not_content()
    {
        FormulaText.EquivalentIgnoringTermOrder("exp(x2^2 + sin(3.1416*x1))", "exp(sin(3.1416*x1) + x2^2)").ShouldBeTrue();
        FormulaText.EquivalentIgnoringTermOrder("-a + b - c", "b - c - a").ShouldBeTrue();
        FormulaText.EquivalentIgnoringTermOrder("exp(sin(3.1416*x1) - x2^2)", "exp(sin(3.1416*x1) + x2^2)").ShouldBeFalse();
        FormulaText.EquivalentIgnoringTermOrder("exp(sin(3.1415*x1) + x2^2)", "exp(sin(3.1416*x1) + x2^2)").ShouldBeFalse();
    }
}
