// Shared source: compiled into Kan.Runtime and Kan.Generator.
using System;
using System.Collections.Generic;

namespace Kan.Symbolic
{
    /// <summary>
    /// The built-in symbolic library: every name of pykan's <c>SYMBOLIC_LIB</c> (kan/utils.py), with the same
    /// definitions and complexities. These names are the ones a <c>.kan</c> file may use.
    /// </summary>
    public static class SymbolicFunctions
    {
        private const string M = "global::System.Math.";
        private const string F = "global::System.MathF.";

        private static readonly SymbolicFunction[] Table =
        {
            new SymbolicFunction("x", 1, x => x, x => 1.0, "{0}", "{0}"),
            new SymbolicFunction("x^2", 2, x => x * x, x => 2 * x, "{0}^2", "({0} * {0})", latex: "{0}^{{2}}"),
            new SymbolicFunction("x^3", 3, x => x * x * x, x => 3 * x * x, "{0}^3", "({0} * {0} * {0})", latex: "{0}^{{3}}"),
            new SymbolicFunction("x^4", 3, x => x * x * x * x, x => 4 * x * x * x, "{0}^4", "({0} * {0} * {0} * {0})", latex: "{0}^{{4}}"),
            new SymbolicFunction("x^5", 3, x => x * x * x * x * x, x => 5 * x * x * x * x, "{0}^5", "({0} * {0} * {0} * {0} * {0})", latex: "{0}^{{5}}"),
            new SymbolicFunction("1/x", 2, x => 1 / x, x => -1 / (x * x), "1/{0}", "(1.0 / {0})", "(1f / {0})", "\\frac{{1}}{{{0}}}"),
            new SymbolicFunction("1/x^2", 2, x => 1 / (x * x), x => -2 / (x * x * x), "1/{0}^2", "(1.0 / ({0} * {0}))", "(1f / ({0} * {0}))", "\\frac{{1}}{{{0}^{{2}}}}"),
            new SymbolicFunction("1/x^3", 3, x => 1 / (x * x * x), x => -3 / (x * x * x * x), "1/{0}^3", "(1.0 / ({0} * {0} * {0}))", "(1f / ({0} * {0} * {0}))", "\\frac{{1}}{{{0}^{{3}}}}"),
            new SymbolicFunction("1/x^4", 4, x => 1 / (x * x * x * x), x => -4 / (x * x * x * x * x), "1/{0}^4", "(1.0 / ({0} * {0} * {0} * {0}))", "(1f / ({0} * {0} * {0} * {0}))", "\\frac{{1}}{{{0}^{{4}}}}"),
            new SymbolicFunction("1/x^5", 5, x => 1 / (x * x * x * x * x), x => -5 / (x * x * x * x * x * x), "1/{0}^5", "(1.0 / ({0} * {0} * {0} * {0} * {0}))", "(1f / ({0} * {0} * {0} * {0} * {0}))", "\\frac{{1}}{{{0}^{{5}}}}"),
            new SymbolicFunction("sqrt", 2, Math.Sqrt, x => 0.5 / Math.Sqrt(x), "sqrt({0})", M + "Sqrt({0})", "(float)" + M + "Sqrt({0})", "\\sqrt{{{0}}}", csharpMathF: F + "Sqrt({0})"),
            new SymbolicFunction("x^0.5", 2, Math.Sqrt, x => 0.5 / Math.Sqrt(x), "sqrt({0})", M + "Sqrt({0})", "(float)" + M + "Sqrt({0})", "\\sqrt{{{0}}}", csharpMathF: F + "Sqrt({0})"),
            new SymbolicFunction("x^1.5", 4, x => Cube(Math.Sqrt(x)), x => 1.5 * Math.Sqrt(x), "{0}^1.5", "(" + M + "Sqrt({0}) * " + M + "Sqrt({0}) * " + M + "Sqrt({0}))", "(float)(" + M + "Sqrt({0}) * " + M + "Sqrt({0}) * " + M + "Sqrt({0}))", "{0}^{{1.5}}", csharpMathF: "(" + F + "Sqrt({0}) * " + F + "Sqrt({0}) * " + F + "Sqrt({0}))"),
            new SymbolicFunction("1/sqrt(x)", 2, x => 1 / Math.Sqrt(x), x => -0.5 / (x * Math.Sqrt(x)), "1/sqrt({0})", "(1.0 / " + M + "Sqrt({0}))", "(float)(1.0 / " + M + "Sqrt({0}))", "\\frac{{1}}{{\\sqrt{{{0}}}}}", csharpMathF: "(1f / " + F + "Sqrt({0}))"),
            new SymbolicFunction("1/x^0.5", 2, x => 1 / Math.Sqrt(x), x => -0.5 / (x * Math.Sqrt(x)), "1/sqrt({0})", "(1.0 / " + M + "Sqrt({0}))", "(float)(1.0 / " + M + "Sqrt({0}))", "\\frac{{1}}{{\\sqrt{{{0}}}}}", csharpMathF: "(1f / " + F + "Sqrt({0}))"),
            new SymbolicFunction("exp", 2, Math.Exp, Math.Exp, "exp({0})", M + "Exp({0})", "(float)" + M + "Exp({0})", "e^{{{0}}}", csharpMathF: F + "Exp({0})"),
            new SymbolicFunction("log", 2, Math.Log, x => 1 / x, "log({0})", M + "Log({0})", "(float)" + M + "Log({0})", "\\log{{\\left({0}\\right)}}", csharpMathF: F + "Log({0})"),
            new SymbolicFunction("abs", 3, Math.Abs, Sign, "abs({0})", M + "Abs({0})", M + "Abs({0})", "\\left|{0}\\right|"),
            new SymbolicFunction("sin", 2, Math.Sin, Math.Cos, "sin({0})", M + "Sin({0})", "(float)" + M + "Sin({0})", "\\sin{{\\left({0}\\right)}}", csharpMathF: F + "Sin({0})"),
            new SymbolicFunction("cos", 2, Math.Cos, x => -Math.Sin(x), "cos({0})", M + "Cos({0})", "(float)" + M + "Cos({0})", "\\cos{{\\left({0}\\right)}}", csharpMathF: F + "Cos({0})"),
            new SymbolicFunction("tan", 3, Math.Tan, x => 1 + Math.Tan(x) * Math.Tan(x), "tan({0})", M + "Tan({0})", "(float)" + M + "Tan({0})", "\\tan{{\\left({0}\\right)}}", csharpMathF: F + "Tan({0})"),
            new SymbolicFunction("tanh", 3, Math.Tanh, x => 1 - Math.Tanh(x) * Math.Tanh(x), "tanh({0})", M + "Tanh({0})", "(float)" + M + "Tanh({0})", "\\tanh{{\\left({0}\\right)}}", csharpMathF: F + "Tanh({0})"),
            new SymbolicFunction("sgn", 3, Sign, x => 0.0, "sgn({0})", "({0} > 0.0 ? 1.0 : ({0} < 0.0 ? -1.0 : 0.0))", "({0} > 0f ? 1f : ({0} < 0f ? -1f : 0f))", "\\operatorname{{sign}}{{\\left({0}\\right)}}"),
            new SymbolicFunction("arcsin", 4, Math.Asin, x => 1 / Math.Sqrt(1 - x * x), "arcsin({0})", M + "Asin({0})", "(float)" + M + "Asin({0})", "\\operatorname{{asin}}{{\\left({0}\\right)}}", csharpMathF: F + "Asin({0})"),
            new SymbolicFunction("arccos", 4, Math.Acos, x => -1 / Math.Sqrt(1 - x * x), "arccos({0})", M + "Acos({0})", "(float)" + M + "Acos({0})", "\\operatorname{{acos}}{{\\left({0}\\right)}}", csharpMathF: F + "Acos({0})"),
            new SymbolicFunction("arctan", 4, Math.Atan, x => 1 / (1 + x * x), "arctan({0})", M + "Atan({0})", "(float)" + M + "Atan({0})", "\\operatorname{{atan}}{{\\left({0}\\right)}}", csharpMathF: F + "Atan({0})"),
            // netstandard2.0 lacks Math.Atanh; the log form is exact to a few ulps, far inside the 1e-12 contract.
            new SymbolicFunction("arctanh", 4, Atanh, x => 1 / (1 - x * x), "arctanh({0})", "(0.5 * " + M + "Log((1.0 + {0}) / (1.0 - {0})))", "(float)(0.5 * " + M + "Log((1.0 + {0}) / (1.0 - {0})))", "\\operatorname{{atanh}}{{\\left({0}\\right)}}", csharpMathF: "(0.5f * " + F + "Log((1f + {0}) / (1f - {0})))"),
            new SymbolicFunction("0", 0, x => x * 0, x => 0.0, "0", "(0.0 * {0})", "(0f * {0})", "0"),
            new SymbolicFunction("gaussian", 3, x => Math.Exp(-(x * x)), x => -2 * x * Math.Exp(-(x * x)), "exp(-{0}^2)", M + "Exp(-({0} * {0}))", "(float)" + M + "Exp(-({0} * {0}))", "e^{{-{0}^{{2}}}}", csharpMathF: F + "Exp(-({0} * {0}))"),
        };

        private static readonly Dictionary<string, SymbolicFunction> ByName = BuildIndex();

        /// <summary>Every built-in function, in pykan's order.</summary>
        public static IReadOnlyList<SymbolicFunction> All => Table;

        /// <summary>The names, comma-separated, for error messages.</summary>
        public static string NameList => string.Join(", ", Array.ConvertAll(Table, f => f.Name));

        public static bool TryGet(string name, out SymbolicFunction function) => ByName.TryGetValue(name, out function!);

        public static SymbolicFunction Get(string name) =>
            TryGet(name, out var f) ? f : throw new ArgumentException("Unknown symbolic function '" + name + "'. Known: " + NameList + ".", nameof(name));

        // Math.Sign throws on NaN; torch.sign does not.
        private static double Sign(double x) => x > 0 ? 1.0 : (x < 0 ? -1.0 : x * 0);

        private static double Cube(double x) => x * x * x;

        private static double Atanh(double x) => 0.5 * Math.Log((1.0 + x) / (1.0 - x));

        private static Dictionary<string, SymbolicFunction> BuildIndex()
        {
            var index = new Dictionary<string, SymbolicFunction>(StringComparer.Ordinal);
            foreach (var f in Table)
            {
                index[f.Name] = f;
            }

            return index;
        }
    }
}
