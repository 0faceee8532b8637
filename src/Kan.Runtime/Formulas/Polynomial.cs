using System;
using System.Collections.Generic;
using System.Collections.Immutable;

namespace Kan.Formulas
{
    /// <summary>
    /// The simplifier's normal form: <c>constant + sum_k coefficient_k * monomial_k</c>, each monomial a product of
    /// atoms (variables, function calls, spline calls, or a sum kept unexpanded) raised to integer powers. Terms are
    /// keyed by their monomial's plain text, which is also the canonical term order.
    /// </summary>
    internal sealed class Polynomial
    {
        public Polynomial(double constant, SortedDictionary<string, Term> terms)
        {
            Constant = constant;
            Terms = terms;
        }

        public double Constant { get; }

        public SortedDictionary<string, Term> Terms { get; }

        public int PartCount => Terms.Count + (Constant != 0.0 ? 1 : 0);

        public bool IsConstant => Terms.Count == 0;

        public static Polynomial FromConstant(double c) => new Polynomial(c, new SortedDictionary<string, Term>(StringComparer.Ordinal));

        public static Polynomial FromAtom(Expr atom, int exponent = 1)
        {
            var m = Monomial.Create(ImmutableArray.Create(new Factor(atom, exponent)));
            var terms = new SortedDictionary<string, Term>(StringComparer.Ordinal) { [m.Key] = new Term(m, 1.0) };
            return new Polynomial(0.0, terms);
        }

        public static Polynomial Add(Polynomial a, Polynomial b)
        {
            var terms = new SortedDictionary<string, Term>(a.Terms, StringComparer.Ordinal);
            foreach (var pair in b.Terms)
            {
                AddTerm(terms, pair.Value.Monomial, pair.Value.Coefficient);
            }

            return new Polynomial(a.Constant + b.Constant, terms);
        }

        public Polynomial Scale(double c)
        {
            var terms = new SortedDictionary<string, Term>(StringComparer.Ordinal);
            if (c != 0.0)
            {
                foreach (var pair in Terms)
                {
                    terms[pair.Key] = new Term(pair.Value.Monomial, pair.Value.Coefficient * c);
                }
            }

            return new Polynomial(Constant * c, terms);
        }

        public Polynomial Shift(double c) => new Polynomial(Constant + c, Terms);

        /// <summary>Distributes the product.</summary>
        public static Polynomial Multiply(Polynomial a, Polynomial b)
        {
            var terms = new SortedDictionary<string, Term>(StringComparer.Ordinal);
            double constant = a.Constant * b.Constant;
            foreach (var ta in a.Terms.Values)
            {
                foreach (var tb in b.Terms.Values)
                {
                    Monomial m = Monomial.Multiply(ta.Monomial, tb.Monomial);
                    if (m.Factors.IsEmpty)
                    {
                        constant += ta.Coefficient * tb.Coefficient;
                    }
                    else
                    {
                        AddTerm(terms, m, ta.Coefficient * tb.Coefficient);
                    }
                }

                if (b.Constant != 0.0)
                {
                    AddTerm(terms, ta.Monomial, ta.Coefficient * b.Constant);
                }
            }

            if (a.Constant != 0.0)
            {
                foreach (var tb in b.Terms.Values)
                {
                    AddTerm(terms, tb.Monomial, tb.Coefficient * a.Constant);
                }
            }

            return new Polynomial(constant, terms);
        }

        public static Polynomial Power(Polynomial p, int n, int limit)
        {
            if (n == 0)
            {
                return FromConstant(1.0);
            }

            if (p.IsConstant)
            {
                return FromConstant(IntPow(p.Constant, n));
            }

            if (p.Terms.Count == 1 && p.Constant == 0.0)
            {
                foreach (var t in p.Terms.Values)
                {
                    var m = Monomial.Pow(t.Monomial, n);
                    var terms = new SortedDictionary<string, Term>(StringComparer.Ordinal);
                    AddTerm(terms, m, IntPow(t.Coefficient, n));
                    return new Polynomial(0.0, terms);
                }
            }

            if (n < 0 || Math.Pow(p.PartCount, n) > limit)
            {
                return Power(p.Grouped(), n, limit);
            }

            Polynomial result = p;
            for (int k = 1; k < n; k++)
            {
                result = Multiply(result, p);
            }

            return result;
        }

        /// <summary>A sum with several parts becomes one atom, so multiplying it does not distribute.</summary>
        /// <remarks>
        /// The group is made monic (leading coefficient 1, the factor kept outside) so that simplifying the result
        /// again, where an outer coefficient may be multiplied in first, groups the same sum: simplification is idempotent.
        /// </remarks>
        public Polynomial Grouped()
        {
            if (PartCount <= 1)
            {
                return this;
            }

            double lead = 1.0;
            foreach (var t in Terms.Values)
            {
                lead = t.Coefficient;
                break;
            }

            // Exactly 1: x*(1/x) can be off by an ulp, which would make the group's text differ.
            Polynomial monic = Scale(1.0 / lead);
            foreach (var pair in monic.Terms)
            {
                monic.Terms[pair.Key] = new Term(pair.Value.Monomial, 1.0);
                break;
            }

            return FromAtom(monic.ToExpr()).Scale(lead);
        }

        /// <summary>The canonical tree: terms in key order, the constant last, unit coefficients dropped.</summary>
        public Expr ToExpr()
        {
            var parts = new List<Expr>(Terms.Count + 1);
            foreach (var t in Terms.Values)
            {
                Expr m = t.Monomial.ToExpr();
                parts.Add(t.Coefficient == 1.0 ? m : Prepend(t.Coefficient, m));
            }

            if (Constant != 0.0 || parts.Count == 0)
            {
                parts.Add(Expr.Constant(Constant));
            }

            return parts.Count == 1 ? parts[0] : new SumExpr(parts.ToImmutableArray());
        }

        private static Expr Prepend(double c, Expr m) =>
            m is ProductExpr p ? new ProductExpr(p.Factors.Insert(0, Expr.Constant(c))) : Expr.Multiply(Expr.Constant(c), m);

        private static void AddTerm(SortedDictionary<string, Term> terms, Monomial m, double coefficient)
        {
            if (m.Factors.IsEmpty)
            {
                throw new InvalidOperationException("A monomial without factors is a constant.");
            }

            double sum = terms.TryGetValue(m.Key, out var existing) ? existing.Coefficient + coefficient : coefficient;
            if (sum == 0.0)
            {
                terms.Remove(m.Key);
            }
            else
            {
                terms[m.Key] = new Term(m, sum);
            }
        }

        /// <summary>x^n by repeated multiplication (as the library's x^n), reciprocal for negative n.</summary>
        internal static double IntPow(double x, int n)
        {
            double p = 1.0;
            for (int k = Math.Abs(n); k > 0; k--)
            {
                p *= x;
            }

            return n < 0 ? 1.0 / p : p;
        }
    }

    internal sealed class Term
    {
        public Term(Monomial monomial, double coefficient)
        {
            Monomial = monomial;
            Coefficient = coefficient;
        }

        public Monomial Monomial { get; }

        public double Coefficient { get; }
    }

    internal readonly struct Factor
    {
        public Factor(Expr atom, int exponent)
        {
            Atom = atom;
            Exponent = exponent;
            Key = FormulaRenderer.Render(atom, FormulaStyle.Text);
        }

        public Expr Atom { get; }

        public int Exponent { get; }

        public string Key { get; }
    }

    /// <summary>A product of atoms with integer exponents, factors sorted by their text.</summary>
    internal sealed class Monomial
    {
        private Monomial(ImmutableArray<Factor> factors, string key)
        {
            Factors = factors;
            Key = key;
        }

        public ImmutableArray<Factor> Factors { get; }

        public string Key { get; }

        public static Monomial Create(ImmutableArray<Factor> factors)
        {
            var sorted = factors.Sort((x, y) => string.CompareOrdinal(x.Key, y.Key));
            return new Monomial(sorted, FormulaRenderer.Render(Build(sorted), FormulaStyle.Text));
        }

        public static Monomial Multiply(Monomial a, Monomial b)
        {
            var merged = new List<Factor>(a.Factors);
            foreach (var f in b.Factors)
            {
                int at = merged.FindIndex(g => g.Key == f.Key);
                if (at < 0)
                {
                    merged.Add(f);
                }
                else
                {
                    int e = merged[at].Exponent + f.Exponent;
                    if (e == 0)
                    {
                        merged.RemoveAt(at);
                    }
                    else
                    {
                        merged[at] = new Factor(merged[at].Atom, e);
                    }
                }
            }

            return merged.Count == 0 ? One : Create(merged.ToImmutableArray());
        }

        public static Monomial Pow(Monomial m, int n)
        {
            var b = ImmutableArray.CreateBuilder<Factor>(m.Factors.Length);
            foreach (var f in m.Factors)
            {
                b.Add(new Factor(f.Atom, f.Exponent * n));
            }

            return Create(b.MoveToImmutable());
        }

        // x^a * x^-a: the product is the constant 1, represented by an empty monomial that AddTerm never stores.
        private static Monomial One { get; } = new Monomial(ImmutableArray<Factor>.Empty, "1");

        public Expr ToExpr() => Build(Factors);

        private static Expr Build(ImmutableArray<Factor> factors)
        {
            var parts = new Expr[factors.Length];
            for (int k = 0; k < parts.Length; k++)
            {
                parts[k] = factors[k].Exponent == 1 ? factors[k].Atom : Expr.Power(factors[k].Atom, factors[k].Exponent);
            }

            return Expr.Multiply(parts);
        }
    }
}
