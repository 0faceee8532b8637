// Shared source: compiled into Kan.Runtime and Kan.Generator.
using System;
using System.Runtime.CompilerServices;

namespace Kan
{
    /// <summary>
    /// The one home of every <see cref="BaseFunction"/>: its <c>.kan</c> name, value, derivative and C# text, as
    /// <see cref="Symbolic.SymbolicFunctions"/> is for the symbolic library. The evaluator, training and the emitters all
    /// compute b(x) through here, so they agree bit for bit: silu is <c>x / (1 + exp(-x))</c> everywhere (torch.nn.SiLU
    /// is <c>x * sigmoid(x)</c>; this form needs one exp and no second multiply).
    /// Methods switch on the enum rather than call delegates, because the evaluator calls <see cref="Value"/> per input.
    /// </summary>
    public static class BaseFunctions
    {
        private const string Exp = "global::System.Math.Exp";

        /// <summary>The names the <c>.kan</c> format and pykan's <c>base_fun</c> use, for error messages.</summary>
        public const string NameList = "silu, identity or zero";

        /// <summary>b(x).</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static double Value(BaseFunction f, double x) => f switch
        {
            BaseFunction.Silu => x / (1.0 + Math.Exp(-x)),
            BaseFunction.Identity => x,
            _ => 0.0,
        };

        /// <summary>b'(x).</summary>
        public static double Derivative(BaseFunction f, double x)
        {
            ValueAndDerivative(f, x, out double derivative);
            return derivative;
        }

        /// <summary>b(x), bit-identical to <see cref="Value"/>, and b'(x) from the same exp.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static double ValueAndDerivative(BaseFunction f, double x, out double derivative)
        {
            switch (f)
            {
                case BaseFunction.Silu:
                    double e = Math.Exp(-x);
                    double sigmoid = 1.0 / (1.0 + e);
                    derivative = sigmoid * (1.0 + x * (1.0 - sigmoid));
                    return x / (1.0 + e);
                case BaseFunction.Identity:
                    derivative = 1.0;
                    return x;
                default:
                    derivative = 0.0;
                    return 0.0;
            }
        }

        /// <summary>The name in <c>.kan</c> files and pykan's <c>base_fun</c>: <c>silu</c>, <c>identity</c> or <c>zero</c>.</summary>
        public static string Name(BaseFunction f) => f switch
        {
            BaseFunction.Silu => "silu",
            BaseFunction.Identity => "identity",
            _ => "zero",
        };

        /// <summary>The function a <see cref="Name"/> denotes; false for any other string.</summary>
        public static bool TryParse(string name, out BaseFunction f)
        {
            switch (name)
            {
                case "silu":
                    f = BaseFunction.Silu;
                    return true;
                case "identity":
                    f = BaseFunction.Identity;
                    return true;
                case "zero":
                    f = BaseFunction.Zero;
                    return true;
                default:
                    f = default;
                    return false;
            }
        }

        /// <summary>b(x) as a C# double expression; <paramref name="x"/> must be a simple expression (it may appear twice).</summary>
        public static string CSharp(BaseFunction f, string x) => f switch
        {
            BaseFunction.Silu => "(" + x + " / (1.0 + " + Exp + "(-" + x + ")))",
            BaseFunction.Identity => x,
            _ => "0.0",
        };

        /// <summary>
        /// b(x) as a C# float expression for targets without <c>MathF</c> (netstandard2.0, .NET Framework): the exp is
        /// computed in double and narrowed, as the symbolic library's float forms are.
        /// </summary>
        public static string CSharpFloat(BaseFunction f, string x) => f switch
        {
            BaseFunction.Silu => "(" + x + " / (1.0f + (float)" + Exp + "(-" + x + ")))",
            BaseFunction.Identity => x,
            _ => "0.0f",
        };

        /// <summary>b(x) as a C# float expression through <c>System.MathF</c>, for targets that have it (netstandard2.1, .NET Core).</summary>
        public static string CSharpMathF(BaseFunction f, string x) => f switch
        {
            BaseFunction.Silu => "(" + x + " / (1.0f + global::System.MathF.Exp(-" + x + ")))",
            BaseFunction.Identity => x,
            _ => "0.0f",
        };

        /// <summary>
        /// b(x) on a SIMD vector: <paramref name="vectorType"/> is the vector type (its <c>One</c> and <c>Zero</c> are used) and
        /// <paramref name="vectorMath"/> the class whose <c>Exp</c> takes that vector.
        /// </summary>
        public static string CSharpVector(BaseFunction f, string x, string vectorType, string vectorMath) => f switch
        {
            BaseFunction.Silu => x + " / (" + vectorType + ".One + " + vectorMath + ".Exp(-" + x + "))",
            BaseFunction.Identity => x,
            _ => vectorType + ".Zero",
        };
    }
}
