using System;
using System.Linq;
using Kan.Training.Symbolic;

namespace Kan.Training.Tests.Symbolic;

/// <summary>pykan's fit_params: recovers y = c*f(a*x+b)+d, and never returns NaN.</summary>
public class ParameterFitTests
{
    private static readonly double[] X = Enumerable.Range(0, 301).Select(i => -1 + i / 150.0).ToArray();

    [Theory]
    [InlineData("sin", 2.5, 0.5, 1.5, -0.3)]
    [InlineData("tanh", 3.0, -1.0, 0.7, 0.2)]
    [InlineData("exp", 1.7, 0.3, 0.8, -1.0)]
    [InlineData("x^2", 1.3, 0.4, 2.0, 0.1)]
    [InlineData("x^3", 2.0, -0.5, -0.4, 0.0)]
    [InlineData("gaussian", 2.2, 0.6, 1.1, -0.2)]
    [InlineData("arctan", 4.0, 1.0, 0.5, 0.3)]
    [InlineData("cos", 3.3, -0.7, -1.2, 0.4)]
    public void Recovers_the_affine_parameters_of_a_library_function(string name, double a, double b, double c, double d)
    {
        LibraryFunction f = SymbolicLibrary.Default.Get(name);
        double[] y = X.Select(x => c * f.Value(a * x + b) + d).ToArray();
        AffineFit fit = ParameterFit.FitParams(X, y, f.Value);
        fit.R2.ShouldBeGreaterThan(0.9999);
        double[] fitted = X.Select(x => fit.C * f.Value(fit.A * x + fit.B) + fit.D).ToArray();
        double rmse = Math.Sqrt(fitted.Zip(y, (p, q) => (p - q) * (p - q)).Average());
        rmse.ShouldBeLessThan(1e-3, fit.ToString());
        // The parameters themselves, up to each function's symmetries (sin(-u+pi) = sin(u), c*e^(ax+b) = c*e^b*e^(ax), ...).
        if (name is "sin" or "tanh" or "gaussian" or "arctan" or "cos")
        {
            Math.Abs(fit.A).ShouldBe(a, 1e-3, fit.ToString());
        }

        if (name == "exp")
        {
            fit.A.ShouldBe(a, 1e-3);
            (fit.C * Math.Exp(fit.B)).ShouldBe(c * Math.Exp(b), 1e-3);
        }

        if (name is "x^2" or "x^3")
        {
            // c*(a*x+b)^n = c*a^n*(x+b/a)^n: only b/a and c*a^n are determined.
            int n = name == "x^2" ? 2 : 3;
            (fit.B / fit.A).ShouldBe(b / a, 1e-3, fit.ToString());
            (fit.C * Math.Pow(fit.A, n)).ShouldBe(c * Math.Pow(a, n), 1e-3 * Math.Abs(c * Math.Pow(a, n)), fit.ToString());
            fit.D.ShouldBe(d, 1e-3);
        }

        if (name is "tanh" or "arctan")
        {
            (fit.B / fit.A).ShouldBe(b / a, 1e-3);
            (fit.C * Math.Sign(fit.A)).ShouldBe(c * Math.Sign(a), 1e-3);
            fit.D.ShouldBe(d, 1e-3);
        }
    }

    [Fact]
    public void Constant_targets_and_everywhere_undefined_functions_give_finite_zero_fits()
    {
        double[] constant = X.Select(_ => 3.25).ToArray();
        AffineFit flat = ParameterFit.FitParams(X, constant, Math.Sin);
        flat.R2.ShouldBe(0.0);
        flat.C.ShouldBe(0.0);
        flat.D.ShouldBe(3.25, 1e-12);

        double[] y = X.Select(Math.Sin).ToArray();
        AffineFit nan = ParameterFit.FitParams(X, y, _ => double.NaN);
        nan.R2.ShouldBe(0.0);
        nan.C.ShouldBe(0.0);
        nan.D.ShouldBe(y.Average(), 1e-12);

        AffineFit inf = ParameterFit.FitParams(X, y, _ => double.PositiveInfinity);
        double.IsFinite(inf.C).ShouldBeTrue();
        double.IsFinite(inf.D).ShouldBeTrue();

        // log of a*x+b is NaN wherever the argument is negative: those grid cells score 0, the rest still fit.
        double[] logY = X.Select(x => 0.5 * Math.Log(2 * x + 3) + 1).ToArray();
        AffineFit log = ParameterFit.FitParams(X, logY, Math.Log);
        log.R2.ShouldBeGreaterThan(0.9999);
        double.IsFinite(log.C).ShouldBeTrue();
    }

    [Fact]
    public void Rejects_mismatched_or_non_finite_samples()
    {
        Should.Throw<ArgumentException>(() => ParameterFit.FitParams(new[] { 1.0 }, new[] { 1.0, 2.0 }, Math.Sin));
        Should.Throw<ArgumentException>(() => ParameterFit.FitParams(new[] { double.NaN }, new[] { 1.0 }, Math.Sin));
    }
}
