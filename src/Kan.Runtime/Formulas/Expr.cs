using System;
using System.Collections.Immutable;
using Kan.Symbolic;

namespace Kan.Formulas
{
    /// <summary>
    /// An immutable expression tree for what a <see cref="KanModel"/> computes: constants, the caller's input
    /// variables, sums, products, integer powers, library functions and (for edges that are still splines) opaque
    /// spline calls. Built by <see cref="FormulaExtractor"/>, canonicalised by <see cref="FormulaSimplifier"/>,
    /// written by <see cref="FormulaRenderer"/>.
    /// </summary>
    public abstract class Expr
    {
        /// <summary>Evaluates the expression with <paramref name="inputs"/> holding the caller's input columns.</summary>
        public abstract double Evaluate(ReadOnlySpan<double> inputs);

        /// <summary>True when no spline edge is left anywhere in the tree.</summary>
        public abstract bool IsFullySymbolic { get; }

        /// <summary>Plain text, e.g. <c>exp(sin(3.1416*x1) + x2^2)</c>.</summary>
        public override string ToString() => FormulaRenderer.Render(this, FormulaStyle.Text);

        public static Expr Constant(double value) => new ConstantExpr(value);

        public static Expr Variable(int column, string name) => new VariableExpr(column, name);

        public static Expr Add(params Expr[] terms) => terms.Length == 1 ? terms[0] : new SumExpr(ImmutableArray.Create(terms));

        public static Expr Multiply(params Expr[] factors) => factors.Length == 1 ? factors[0] : new ProductExpr(ImmutableArray.Create(factors));

        /// <summary><c>scale*x + bias</c>: how every affine of the model (normalisation, edge, subnode, node) enters the tree.</summary>
        public static Expr Affine(double scale, Expr x, double bias) => Add(Multiply(Constant(scale), x), Constant(bias));

        public static Expr Power(Expr baseExpr, int exponent) => new PowerExpr(baseExpr, exponent);

        public static Expr Call(SymbolicFunction function, Expr argument) => new CallExpr(function, argument);
    }

    /// <summary>The output styles of <see cref="FormulaRenderer"/>.</summary>
    public enum FormulaStyle
    {
        /// <summary>Plain text: <c>exp(sin(3.1416*x1) + x2^2)</c>.</summary>
        Text,

        /// <summary>A C# double expression using <c>global::System.Math</c>.</summary>
        CSharp,

        /// <summary>LaTeX math.</summary>
        Latex,
    }
}
