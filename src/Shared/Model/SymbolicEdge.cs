// Shared source: compiled into Kan.Runtime and Kan.Generator.
using System;

namespace Kan
{
    /// <summary>
    /// The symbolic branch of one edge: <c>Mask * (C * f(A * x + B) + D)</c>, pykan's
    /// <c>Symbolic_KANLayer</c> with <c>affine = (a, b, c, d)</c>. An edge may carry this and a spline at once.
    /// </summary>
    public sealed class SymbolicEdge : IEquatable<SymbolicEdge>
    {
        public SymbolicEdge(int input, int output, string function, double a, double b, double c, double d, double mask)
        {
            Input = input;
            Output = output;
            Function = function;
            A = a;
            B = b;
            C = c;
            D = d;
            Mask = mask;
        }

        /// <summary>Index of the layer input the edge reads.</summary>
        public int Input { get; }

        /// <summary>Index of the layer output (subnode) the edge adds to.</summary>
        public int Output { get; }

        /// <summary>A name from <see cref="Symbolic.SymbolicFunctions"/>, e.g. <c>sin</c> or <c>x^2</c>.</summary>
        public string Function { get; }

        public double A { get; }

        public double B { get; }

        public double C { get; }

        public double D { get; }

        public double Mask { get; }

        public bool Equals(SymbolicEdge? other) =>
            other is not null && Input == other.Input && Output == other.Output && Function == other.Function &&
            A.Equals(other.A) && B.Equals(other.B) && C.Equals(other.C) && D.Equals(other.D) && Mask.Equals(other.Mask);

        public override bool Equals(object? obj) => Equals(obj as SymbolicEdge);

        public override int GetHashCode() => (Input * 31 + Output) * 31 + Function.GetHashCode() ^ A.GetHashCode();
    }
}
