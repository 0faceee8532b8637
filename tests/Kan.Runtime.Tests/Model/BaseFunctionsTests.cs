using System;

namespace Kan.Runtime.Tests.Model;

/// <summary><see cref="BaseFunctions"/> against the definitions of torch.nn.SiLU, the identity and zero.</summary>
public class BaseFunctionsTests
{
    private static readonly double[] Points = { -745.5, -40, -3.25, -1, -1e-9, 0, 1e-300, 0.5, 2, 37, 710, double.NegativeInfinity, double.PositiveInfinity };

    [Fact]
    public void Values_follow_torch_and_the_derivative_comes_from_the_same_exp()
    {
        foreach (double x in Points)
        {
            // torch.nn.SiLU is x * sigmoid(x); the form used is x / (1 + exp(-x)), within an ulp or two.
            double silu = BaseFunctions.Value(BaseFunction.Silu, x);
            double sigmoid = 1.0 / (1.0 + Math.Exp(-x));
            if (double.IsFinite(x))
            {
                silu.ShouldBe(x * sigmoid, 1e-15 * Math.Max(1.0, Math.Abs(x)));
            }

            BaseFunctions.Value(BaseFunction.Identity, x).ShouldBe(x);
            BaseFunctions.Value(BaseFunction.Zero, x).ShouldBe(0.0);
            foreach (BaseFunction f in Enum.GetValues<BaseFunction>())
            {
                double v = BaseFunctions.ValueAndDerivative(f, x, out double d);
                BitConverter.DoubleToInt64Bits(v).ShouldBe(BitConverter.DoubleToInt64Bits(BaseFunctions.Value(f, x)), $"{f} at {x}");
                BitConverter.DoubleToInt64Bits(d).ShouldBe(BitConverter.DoubleToInt64Bits(BaseFunctions.Derivative(f, x)), $"{f} at {x}");
            }
        }
    }

    [Fact]
    public void Derivatives_match_central_differences()
    {
        foreach (double x in new[] { -6.0, -1.5, -0.25, 0.0, 0.3, 1.0, 4.5 })
        {
            foreach (BaseFunction f in Enum.GetValues<BaseFunction>())
            {
                const double h = 1e-6;
                double numeric = (BaseFunctions.Value(f, x + h) - BaseFunctions.Value(f, x - h)) / (2 * h);
                BaseFunctions.Derivative(f, x).ShouldBe(numeric, 1e-8, $"{f} at {x}");
            }
        }
    }

    [Fact]
    public void Names_round_trip_and_unknown_names_are_refused()
    {
        foreach (BaseFunction f in Enum.GetValues<BaseFunction>())
        {
            BaseFunctions.TryParse(BaseFunctions.Name(f), out BaseFunction back).ShouldBeTrue();
            back.ShouldBe(f);
            BaseFunctions.NameList.ShouldContain(BaseFunctions.Name(f));
        }

        BaseFunctions.TryParse("SiLU", out _).ShouldBeFalse();
        BaseFunctions.TryParse("relu", out _).ShouldBeFalse();
    }

    [Fact]
    public void Csharp_text_names_the_same_arithmetic()
    {
        BaseFunctions.CSharp(BaseFunction.Silu, "x0").ShouldBe("(x0 / (1.0 + global::System.Math.Exp(-x0)))");
        BaseFunctions.CSharpFloat(BaseFunction.Silu, "x0").ShouldBe("(x0 / (1.0f + (float)global::System.Math.Exp(-x0)))");
        BaseFunctions.CSharpVector(BaseFunction.Silu, "x0", "V", "M").ShouldBe("x0 / (V.One + M.Exp(-x0))");
        BaseFunctions.CSharp(BaseFunction.Identity, "x0").ShouldBe("x0");
        BaseFunctions.CSharp(BaseFunction.Zero, "x0").ShouldBe("0.0");
        BaseFunctions.CSharpFloat(BaseFunction.Zero, "x0").ShouldBe("0.0f");
        BaseFunctions.CSharpVector(BaseFunction.Zero, "x0", "V", "M").ShouldBe("V.Zero");
    }
}
