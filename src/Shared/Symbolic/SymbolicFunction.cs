// Shared source: compiled into Kan.Runtime and Kan.Generator.
using System;

namespace Kan.Symbolic
{
    /// <summary>
    /// One entry of the symbolic library: a name the <c>.kan</c> format accepts, its value and derivative,
    /// pykan's complexity, and how it is written as text and as C#.
    /// Templates take the argument as <c>{0}</c>; callers pass a simple identifier or a parenthesised expression.
    /// </summary>
    public sealed class SymbolicFunction
    {
        public SymbolicFunction(
            string name,
            int complexity,
            Func<double, double> value,
            Func<double, double> derivative,
            string display,
            string csharp,
            string? csharpFloat = null,
            string? latex = null,
            string? csharpMathF = null)
        {
            Name = name;
            Complexity = complexity;
            Value = value;
            Derivative = derivative;
            Display = display;
            CSharp = csharp;
            CSharpFloat = csharpFloat ?? csharp;
            CSharpMathF = csharpMathF ?? CSharpFloat;
            Latex = latex ?? display;
        }

        /// <summary>The name used in <c>.kan</c> files and pykan's <c>SYMBOLIC_LIB</c>, e.g. <c>x^2</c>.</summary>
        public string Name { get; }

        /// <summary>pykan's complexity weight, used when ranking candidate functions.</summary>
        public int Complexity { get; }

        /// <summary>f(x) exactly as pykan's forward computes it (no singularity guard).</summary>
        public Func<double, double> Value { get; }

        /// <summary>f'(x).</summary>
        public Func<double, double> Derivative { get; }

        /// <summary>Plain-text form, e.g. <c>sin({0})</c>.</summary>
        public string Display { get; }

        /// <summary>A C# expression in double for netstandard2.0 (no <c>Math.Atanh</c> there), e.g. <c>global::System.Math.Sin({0})</c>.</summary>
        public string CSharp { get; }

        /// <summary>The same in float for targets without <c>MathF</c> (netstandard2.0, .NET Framework): computes in double and narrows.</summary>
        public string CSharpFloat { get; }

        /// <summary>The same in float through <c>System.MathF</c>, for targets that have it (netstandard2.1, .NET Core).</summary>
        public string CSharpMathF { get; }

        /// <summary>LaTeX form.</summary>
        public string Latex { get; }

        public override string ToString() => Name;
    }
}
