using Kan.Symbolic;

namespace Kan.Generator.Emit
{
    /// <summary>The arithmetic type of the generated code (double, or float in float mode) and how its pieces are written.</summary>
    internal sealed class CodeStyle
    {
        public CodeStyle(bool useFloat, bool useMathF = false)
        {
            UseFloat = useFloat;
            UseMathF = useFloat && useMathF;
            Type = useFloat ? "float" : "double";
            Zero = useFloat ? "0.0f" : "0.0";
        }

        public bool UseFloat { get; }

        /// <summary>Float functions through <c>System.MathF</c> (the target has it) instead of <c>(float)Math</c>.</summary>
        public bool UseMathF { get; }

        /// <summary><c>double</c> or <c>float</c>.</summary>
        public string Type { get; }

        public string Zero { get; }

        public string N(double value) => Literals.Number(value, UseFloat);

        /// <summary>pykan's base function b(x) in the code's type (<see cref="BaseFunctions"/>, the evaluator's expression).</summary>
        public string Base(BaseFunction f, string x) =>
            UseMathF ? BaseFunctions.CSharpMathF(f, x) : UseFloat ? BaseFunctions.CSharpFloat(f, x) : BaseFunctions.CSharp(f, x);

        /// <summary>
        /// A symbolic edge's value at <paramref name="x"/> (a simple expression): pykan's Symbolic_KANLayer
        /// <c>mask * (c * f(a * x + b) + d)</c> as <c>(mask c) * f(a * x + b) + (mask d)</c>, identity parts folded.
        /// </summary>
        public string SymbolicEdge(SymbolicEdge edge, string x)
        {
            string scaled = edge.A == 1.0 ? x : N(edge.A) + " * " + x;
            string argument = edge.B != 0.0 ? "(" + Plus(scaled, edge.B) + ")" : edge.A == 1.0 ? x : "(" + scaled + ")";
            SymbolicFunction f = SymbolicFunctions.Get(edge.Function);
            string value = (UseMathF ? f.CSharpMathF : UseFloat ? f.CSharpFloat : f.CSharp).Replace("{0}", argument);
            return Affine(edge.Mask * edge.C, value, edge.Mask * edge.D);
        }

        /// <summary><c>c * value</c> with the identity parts folded away.</summary>
        public string Scale(double c, string value) => c == 1.0 ? value : N(c) + " * " + value;

        /// <summary><c>c * value + d</c> with identity parts folded away.</summary>
        public string Affine(double c, string value, double d) => d == 0.0 ? Scale(c, value) : Plus(Scale(c, value), d);

        /// <summary><c>left + d</c>, written <c>left - |d|</c> for negative d (the same IEEE result, easier to read).</summary>
        public string Plus(string left, double d) => d < 0.0 ? left + " - " + N(-d) : left + " + " + N(d);

        /// <summary><c>left - d</c>, written <c>left + |d|</c> for negative d (the same IEEE result).</summary>
        public string Minus(string left, double d) => d < 0.0 ? left + " + " + N(-d) : left + " - " + N(d);
    }
}
