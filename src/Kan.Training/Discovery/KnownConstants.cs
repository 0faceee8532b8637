using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text.RegularExpressions;
using Kan.Formulas;

namespace Kan.Training.Discovery
{
    /// <summary>
    /// Names the constants of a rounded formula that are a small fraction times pi, pi^2, sqrt(2), sqrt(2*pi) or
    /// their inverses (<c>0.079577472</c> reads <c>1/(4*pi)</c>), to the precision the rounding kept. Only the
    /// printed text changes: the expression tree, its complexity and the model keep the numbers.
    /// </summary>
    internal static class KnownConstants
    {
        private static readonly (string Name, double Value)[] Bases =
        {
            ("pi", Math.PI), ("pi^2", Math.PI * Math.PI), ("sqrt(2)", Math.Sqrt(2)), ("sqrt(2*pi)", Math.Sqrt(2 * Math.PI)),
        };

        private const int MaxNumerator = 12;
        private const int MaxDenominator = 12;

        /// <summary>The formula's text with recognised constants named; <paramref name="digits"/> is the rounding it went through.</summary>
        public static string Name(Expr formula, int digits)
        {
            string text = formula.ToString();
            if (digits < 4)
            {
                return text;
            }

            var seen = new HashSet<double>();
            foreach (double value in Constants(formula))
            {
                double v = Math.Abs(value);
                if (!seen.Add(v) || v == 0)
                {
                    continue;
                }

                string? name = Recognise(v, 0.6 * Math.Pow(10, -digits));
                if (name is not null)
                {
                    string token = v.ToString("R", CultureInfo.InvariantCulture);
                    text = Regex.Replace(text, @"(?<![\d.E])" + Regex.Escape(token) + @"(?![\d.E])", name);
                }
            }

            return text;
        }

        /// <summary>The name of <paramref name="v"/> within <paramref name="tolerance"/>, or null.</summary>
        internal static string? Recognise(double v, double tolerance)
        {
            for (int q = 1; q <= MaxDenominator; q++)
            {
                for (int p = 1; p <= MaxNumerator; p++)
                {
                    foreach (var (name, b) in Bases)
                    {
                        if (Math.Abs(v - p * b / q) <= tolerance)
                        {
                            return Times(p, q, name);
                        }

                        if (Math.Abs(v - p / (q * b)) <= tolerance)
                        {
                            return "(" + p.ToString(CultureInfo.InvariantCulture) + "/" + (q == 1 ? name : "(" + q.ToString(CultureInfo.InvariantCulture) + "*" + name + ")") + ")";
                        }
                    }
                }
            }

            return null;
        }

        private static string Times(int p, int q, string name) =>
            "(" + (p == 1 ? "" : p.ToString(CultureInfo.InvariantCulture) + "*") + name + (q == 1 ? "" : "/" + q.ToString(CultureInfo.InvariantCulture)) + ")";

        private static IEnumerable<double> Constants(Expr e)
        {
            switch (e)
            {
                case ConstantExpr c:
                    yield return c.Value;
                    break;
                case SumExpr s:
                    foreach (Expr t in s.Terms)
                    {
                        foreach (double v in Constants(t))
                        {
                            yield return v;
                        }
                    }

                    break;
                case ProductExpr p:
                    foreach (Expr f in p.Factors)
                    {
                        foreach (double v in Constants(f))
                        {
                            yield return v;
                        }
                    }

                    break;
                case PowerExpr p:
                    foreach (double v in Constants(p.Base))
                    {
                        yield return v;
                    }

                    break;
                case CallExpr c:
                    foreach (double v in Constants(c.Argument))
                    {
                        yield return v;
                    }

                    break;
            }
        }
    }
}
