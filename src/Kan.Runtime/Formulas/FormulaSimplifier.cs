using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Kan.Symbolic;

namespace Kan.Formulas
{
    /// <summary>
    /// Canonicalises an <see cref="Expr"/> (what pykan's <c>symbolic_formula</c> gets from sympy's automatic
    /// simplification plus <c>ex_round</c>): constant folding, flattening and merging of affine chains, expansion of
    /// products and integer powers of sums (up to <see cref="ExpansionLimit"/> terms), <c>exp(u + k)</c> →
    /// <c>e^k*exp(u)</c>, odd/even functions take arguments whose leading coefficient is positive
    /// (<c>sin(-3x)</c> → <c>-sin(3x)</c>), <c>log(c*m)</c> → <c>log(c) + log(m)</c> for c &gt; 0,
    /// <c>exp(k1*log(u1) + ...)</c> → <c>u1^k1*...</c> for small integers k, zero terms dropped, unit coefficients dropped.
    /// Canonical term order: terms sorted by their plain text (ordinal), the constant last.
    /// </summary>
    public static class FormulaSimplifier
    {
        /// <summary>Products that would distribute into more terms than this stay factored.</summary>
        public const int ExpansionLimit = 32;

        private static readonly HashSet<string> Odd = new HashSet<string>(StringComparer.Ordinal) { "sin", "tan", "tanh", "arcsin", "arctan", "arctanh", "sgn" };

        private static readonly HashSet<string> Even = new HashSet<string>(StringComparer.Ordinal) { "cos", "abs", "gaussian" };

        public static Expr Simplify(Expr e) => Normalize(e).ToExpr();

        /// <summary>
        /// Simplifies, rounds every number to <paramref name="digits"/> decimal places (pykan's <c>ex_round</c>) and
        /// simplifies again until nothing changes, so terms that round to zero disappear and coefficients that round
        /// to one are dropped.
        /// </summary>
        public static Expr Round(Expr e, int digits)
        {
            Expr current = Simplify(e);
            string text = current.ToString();
            for (int pass = 0; pass < 8; pass++)
            {
                Expr next = Simplify(RoundConstants(current, digits));
                string nextText = next.ToString();
                if (nextText == text)
                {
                    return RoundConstants(next, digits);
                }

                current = next;
                text = nextText;
            }

            return RoundConstants(current, digits);
        }

        /// <summary>Rounds every number in the tree, leaving its structure alone.</summary>
        public static Expr RoundConstants(Expr e, int digits) => e switch
        {
            ConstantExpr c => Expr.Constant(RoundValue(c.Value, digits)),
            SumExpr s => new SumExpr(s.Terms.Select(t => RoundConstants(t, digits)).ToImmutableArray()),
            ProductExpr p => new ProductExpr(p.Factors.Select(f => RoundConstants(f, digits)).ToImmutableArray()),
            PowerExpr p => Expr.Power(RoundConstants(p.Base, digits), p.Exponent),
            CallExpr c => Expr.Call(c.Function, RoundConstants(c.Argument, digits)),
            SplineExpr s => new SplineExpr(s.Layer, s.Input, s.Subnode, RoundConstants(s.Argument, digits), s.Numeric),
            _ => e,
        };

        private static double RoundValue(double v, int digits)
        {
            double r = Math.Round(v, Math.Min(digits, 15), MidpointRounding.AwayFromZero);
            return r == 0.0 ? 0.0 : r; // no -0
        }

        internal static Polynomial Normalize(Expr e)
        {
            switch (e)
            {
                case ConstantExpr c:
                    return Polynomial.FromConstant(c.Value);
                case VariableExpr:
                    return Polynomial.FromAtom(e);
                case SumExpr s:
                    Polynomial sum = Polynomial.FromConstant(0.0);
                    foreach (Expr t in s.Terms)
                    {
                        sum = Polynomial.Add(sum, Normalize(t));
                    }

                    return sum;
                case ProductExpr p:
                    // Expand all factors or none, so the outcome depends neither on the factors' order nor on
                    // whether a power was already written out: simplifying twice gives the same text.
                    var factors = new List<(Polynomial Base, int Exponent)>(p.Factors.Length);
                    double parts = 1.0;
                    foreach (Expr f in p.Factors)
                    {
                        (Polynomial b, int n) = f is PowerExpr pe && pe.Exponent > 0 ? (Normalize(pe.Base), pe.Exponent) : (Normalize(f), 1);
                        factors.Add((b, n));
                        parts *= Math.Pow(Math.Max(1, b.PartCount), n);
                    }

                    Polynomial product = Polynomial.FromConstant(1.0);
                    foreach (var (b, n) in factors)
                    {
                        Polynomial factor = parts > ExpansionLimit ? Polynomial.Power(b.Grouped(), n, ExpansionLimit) : Polynomial.Power(b, n, ExpansionLimit);
                        product = Polynomial.Multiply(product, factor);
                    }

                    return product;
                case PowerExpr p:
                    return Polynomial.Power(Normalize(p.Base), p.Exponent, ExpansionLimit);
                case CallExpr c:
                    return Call(c.Function, Normalize(c.Argument));
                case SplineExpr s:
                    return Polynomial.FromAtom(new SplineExpr(s.Layer, s.Input, s.Subnode, Normalize(s.Argument).ToExpr(), s.Numeric));
                default:
                    throw new ArgumentException("Unknown expression node " + e.GetType().Name + ".");
            }
        }

        private static Polynomial Call(SymbolicFunction f, Polynomial arg)
        {
            // Library names that are powers become powers, so x^2 of an affine expands like sympy does.
            switch (f.Name)
            {
                case "x": return arg;
                case "0": return Polynomial.FromConstant(0.0);
                case "x^2": return Polynomial.Power(arg, 2, ExpansionLimit);
                case "x^3": return Polynomial.Power(arg, 3, ExpansionLimit);
                case "x^4": return Polynomial.Power(arg, 4, ExpansionLimit);
                case "x^5": return Polynomial.Power(arg, 5, ExpansionLimit);
                case "1/x": return Polynomial.Power(arg, -1, ExpansionLimit);
                case "1/x^2": return Polynomial.Power(arg, -2, ExpansionLimit);
                case "1/x^3": return Polynomial.Power(arg, -3, ExpansionLimit);
                case "1/x^4": return Polynomial.Power(arg, -4, ExpansionLimit);
                case "1/x^5": return Polynomial.Power(arg, -5, ExpansionLimit);
                case "x^0.5": return Call(SymbolicFunctions.Get("sqrt"), arg);
                case "1/sqrt(x)":
                case "1/x^0.5": return Polynomial.Power(Call(SymbolicFunctions.Get("sqrt"), arg), -1, ExpansionLimit);
            }

            if (arg.IsConstant)
            {
                return Polynomial.FromConstant(f.Value(arg.Constant));
            }

            if (f.Name == "exp" && arg.Constant != 0.0)
            {
                return Call(f, arg.Shift(-arg.Constant)).Scale(Math.Exp(arg.Constant));
            }

            if (f.Name == "exp" && TryProductOfLogs(arg, out Polynomial product))
            {
                return product;
            }

            if (f.Name == "log" && arg.Constant == 0.0 && arg.Terms.Count == 1)
            {
                // log(c*m) = log(c) + log(m) for c > 0 (both sides are undefined where m <= 0).
                foreach (var t in arg.Terms.Values)
                {
                    if (t.Coefficient > 0.0 && t.Coefficient != 1.0)
                    {
                        return Polynomial.FromAtom(Expr.Call(f, t.Monomial.ToExpr())).Shift(Math.Log(t.Coefficient));
                    }
                }
            }

            if (f.Name == "sqrt" && SqrtFactor(arg) is double k)
            {
                // sqrt(k*u) = sqrt(k)*sqrt(u) for k > 0: m0/sqrt(0.1 - 0.1*v^2) reads m0*sqrt(1 - v^2)^(-1) up to a constant.
                return Polynomial.FromAtom(Expr.Call(f, arg.Scale(1.0 / k).ToExpr())).Scale(Math.Sqrt(k));
            }

            bool negativeLead = LeadingCoefficient(arg) < 0.0;
            if (negativeLead && Odd.Contains(f.Name))
            {
                return Polynomial.FromAtom(Expr.Call(f, arg.Scale(-1.0).ToExpr())).Scale(-1.0);
            }

            if (negativeLead && Even.Contains(f.Name))
            {
                return Polynomial.FromAtom(Expr.Call(f, arg.Scale(-1.0).ToExpr()));
            }

            return Polynomial.FromAtom(Expr.Call(f, arg.ToExpr()));
        }

        /// <summary>
        /// The positive factor sqrt pulls out of its argument: the coefficient of a lone term, or a positive constant
        /// term (so the argument reads <c>1 + ...</c>) unless it is under a thousandth of the largest coefficient
        /// (<c>sqrt(x + 1e-9)</c> stays as it is); null when there is none or it is already 1.
        /// </summary>
        private static double? SqrtFactor(Polynomial arg)
        {
            double largest = 0.0;
            double lone = double.NaN;
            foreach (var t in arg.Terms.Values)
            {
                largest = Math.Max(largest, Math.Abs(t.Coefficient));
                lone = t.Coefficient;
            }

            double k = arg.Constant == 0.0 && arg.Terms.Count == 1 ? lone : arg.Constant >= 1e-3 * largest ? arg.Constant : 0.0;
            return k > 0.0 && k != 1.0 && double.IsFinite(k) ? k : null;
        }

        /// <summary>
        /// exp(k1*log(u1) + k2*log(u2) + ...) with small integer k is u1^k1 * u2^k2 * ... (where the logs are
        /// defined), so a KAN that learnt a product or quotient through log and exp reads as one.
        /// </summary>
        private static bool TryProductOfLogs(Polynomial arg, out Polynomial product)
        {
            product = Polynomial.FromConstant(1.0);
            if (arg.Terms.Count == 0)
            {
                return false;
            }

            foreach (var t in arg.Terms.Values)
            {
                double k = t.Coefficient;
                if (k != Math.Round(k) || Math.Abs(k) > 5 || t.Monomial.Factors.Length != 1 || t.Monomial.Factors[0].Exponent != 1 ||
                    t.Monomial.Factors[0].Atom is not CallExpr { Function.Name: "log" } log)
                {
                    return false;
                }

                product = Polynomial.Multiply(product, Polynomial.Power(Normalize(log.Argument), (int)k, ExpansionLimit));
            }

            return true;
        }

        private static double LeadingCoefficient(Polynomial p)
        {
            foreach (var t in p.Terms.Values)
            {
                return t.Coefficient;
            }

            return p.Constant;
        }
    }
}
