using System;
using System.Collections.Immutable;
using Kan.Symbolic;

namespace Kan.Formulas
{
    /// <summary>A number.</summary>
    public sealed class ConstantExpr : Expr
    {
        public ConstantExpr(double value) => Value = value;

        public double Value { get; }

        public override bool IsFullySymbolic => true;

        public override double Evaluate(ReadOnlySpan<double> inputs) => Value;
    }

    /// <summary>One of the caller's input columns (before any input normalisation).</summary>
    public sealed class VariableExpr : Expr
    {
        public VariableExpr(int column, string name)
        {
            Column = column;
            Name = name;
        }

        public int Column { get; }

        public string Name { get; }

        public override bool IsFullySymbolic => true;

        public override double Evaluate(ReadOnlySpan<double> inputs) => inputs[Column];
    }

    /// <summary>A sum of terms.</summary>
    public sealed class SumExpr : Expr
    {
        public SumExpr(ImmutableArray<Expr> terms) => Terms = terms;

        public ImmutableArray<Expr> Terms { get; }

        public override bool IsFullySymbolic => AllSymbolic(Terms);

        public override double Evaluate(ReadOnlySpan<double> inputs)
        {
            double sum = 0.0;
            foreach (Expr t in Terms)
            {
                sum += t.Evaluate(inputs);
            }

            return sum;
        }

        internal static bool AllSymbolic(ImmutableArray<Expr> items)
        {
            foreach (Expr e in items)
            {
                if (!e.IsFullySymbolic)
                {
                    return false;
                }
            }

            return true;
        }
    }

    /// <summary>A product of factors (a KAN multiplication node, or a coefficient times a term).</summary>
    public sealed class ProductExpr : Expr
    {
        public ProductExpr(ImmutableArray<Expr> factors) => Factors = factors;

        public ImmutableArray<Expr> Factors { get; }

        public override bool IsFullySymbolic => SumExpr.AllSymbolic(Factors);

        public override double Evaluate(ReadOnlySpan<double> inputs)
        {
            double product = 1.0;
            foreach (Expr f in Factors)
            {
                product *= f.Evaluate(inputs);
            }

            return product;
        }
    }

    /// <summary>An integer power; negative exponents are reciprocals.</summary>
    public sealed class PowerExpr : Expr
    {
        public PowerExpr(Expr baseExpr, int exponent)
        {
            Base = baseExpr;
            Exponent = exponent;
        }

        public Expr Base { get; }

        public int Exponent { get; }

        public override bool IsFullySymbolic => Base.IsFullySymbolic;

        public override double Evaluate(ReadOnlySpan<double> inputs) => Polynomial.IntPow(Base.Evaluate(inputs), Exponent);
    }

    /// <summary>A library function applied to an argument.</summary>
    public sealed class CallExpr : Expr
    {
        public CallExpr(SymbolicFunction function, Expr argument)
        {
            Function = function;
            Argument = argument;
        }

        public SymbolicFunction Function { get; }

        public Expr Argument { get; }

        public override bool IsFullySymbolic => Argument.IsFullySymbolic;

        public override double Evaluate(ReadOnlySpan<double> inputs) => Function.Value(Argument.Evaluate(inputs));
    }

    /// <summary>
    /// The numeric branch (base + spline, masked) of edge (layer, input, subnode) that is not symbolic yet, kept as an
    /// opaque function <c>spline_l_i_j(x)</c> so partial formulas still render. It evaluates through the model's
    /// own evaluator when one was given.
    /// </summary>
    public sealed class SplineExpr : Expr
    {
        public SplineExpr(int layer, int input, int subnode, Expr argument, Func<double, double>? numeric)
        {
            Layer = layer;
            Input = input;
            Subnode = subnode;
            Argument = argument;
            Numeric = numeric;
        }

        public int Layer { get; }

        public int Input { get; }

        public int Subnode { get; }

        public Expr Argument { get; }

        /// <summary>The edge's numeric branch as a function of its input, or null when unknown.</summary>
        public Func<double, double>? Numeric { get; }

        public string Name => "spline_" + Layer + "_" + Input + "_" + Subnode;

        public override bool IsFullySymbolic => false;

        public override double Evaluate(ReadOnlySpan<double> inputs) =>
            Numeric is null ? throw new InvalidOperationException(Name + " has no evaluator: the formula is not fully symbolic.") : Numeric(Argument.Evaluate(inputs));
    }
}
