using System;
using System.Globalization;
using System.Text;

namespace Kan.Formulas
{
    /// <summary>
    /// Writes an <see cref="Expr"/> as plain text (<c>exp(sin(3.1416*x1) + x2^2)</c>), as a C# double expression
    /// (<c>global::System.Math</c> calls; spline edges become calls to <c>spline_l_i_j</c> the caller must supply),
    /// or as LaTeX. Numbers are written round-trip ("R"); round the tree first for short numbers.
    /// </summary>
    public static class FormulaRenderer
    {
        // Precedence: a child is parenthesised when its precedence is below what its position needs.
        private const int SumLevel = 1;
        private const int ProductLevel = 2;
        private const int PowerLevel = 3;
        private const int AtomLevel = 4;

        public static string Render(Expr e, FormulaStyle style)
        {
            var sb = new StringBuilder();
            Write(sb, e, style, SumLevel);
            return sb.ToString();
        }

        private static void Write(StringBuilder sb, Expr e, FormulaStyle style, int needed)
        {
            if (Level(e) < needed)
            {
                sb.Append(style == FormulaStyle.Latex ? "\\left(" : "(");
                WriteBare(sb, e, style);
                sb.Append(style == FormulaStyle.Latex ? "\\right)" : ")");
            }
            else
            {
                WriteBare(sb, e, style);
            }
        }

        private static int Level(Expr e) => e switch
        {
            SumExpr s => s.Terms.Length > 1 ? SumLevel : Level(s.Terms[0]),
            ProductExpr p => p.Factors.Length > 1 ? ProductLevel : Level(p.Factors[0]),
            PowerExpr => PowerLevel,
            ConstantExpr c => c.Value < 0 ? SumLevel : AtomLevel,
            _ => AtomLevel,
        };

        private static void WriteBare(StringBuilder sb, Expr e, FormulaStyle style)
        {
            switch (e)
            {
                case ConstantExpr c:
                    sb.Append(Number(c.Value, style));
                    break;
                case VariableExpr v:
                    sb.Append(VariableName(v.Name, style));
                    break;
                case SumExpr s:
                    WriteSum(sb, s, style);
                    break;
                case ProductExpr p:
                    WriteProduct(sb, p, style);
                    break;
                case PowerExpr p:
                    WritePower(sb, p, style);
                    break;
                case CallExpr c:
                    WriteCall(sb, style == FormulaStyle.Text ? c.Function.Display : style == FormulaStyle.CSharp ? c.Function.CSharp : c.Function.Latex, c.Argument, style);
                    break;
                case SplineExpr s:
                    string template = style == FormulaStyle.Latex
                        ? "\\operatorname{{spline}}_{{" + s.Layer + "," + s.Input + "," + s.Subnode + "}}\\left({0}\\right)"
                        : s.Name + "({0})";
                    WriteCall(sb, template, s.Argument, style);
                    break;
                default:
                    throw new ArgumentException("Unknown expression node " + e.GetType().Name + ".");
            }
        }

        private static void WriteSum(StringBuilder sb, SumExpr s, FormulaStyle style)
        {
            for (int t = 0; t < s.Terms.Length; t++)
            {
                Expr term = s.Terms[t];
                if (t == 0)
                {
                    Write(sb, term, style, SumLevel);
                }
                else if (TryNegate(term, out Expr positive))
                {
                    sb.Append(" - ");
                    Write(sb, positive, style, ProductLevel);
                }
                else
                {
                    sb.Append(" + ");
                    Write(sb, term, style, ProductLevel);
                }
            }
        }

        private static void WriteProduct(StringBuilder sb, ProductExpr p, FormulaStyle style)
        {
            int start = 0;
            if (p.Factors.Length > 1 && p.Factors[0] is ConstantExpr c && c.Value == -1.0)
            {
                sb.Append('-');
                start = 1;
            }

            for (int f = start; f < p.Factors.Length; f++)
            {
                Expr factor = p.Factors[f];
                if (f > start)
                {
                    sb.Append(style switch
                    {
                        FormulaStyle.Text => "*",
                        FormulaStyle.CSharp => " * ",
                        _ => factor is ConstantExpr ? " \\cdot " : " ",
                    });
                }

                // A leading negative number needs no parentheses: -3.1416*x1.
                bool leadingNumber = f == start && factor is ConstantExpr;
                Write(sb, factor, style, leadingNumber ? SumLevel : PowerLevel);
            }
        }

        private static void WritePower(StringBuilder sb, PowerExpr p, FormulaStyle style)
        {
            if (style == FormulaStyle.CSharp)
            {
                // Repeated multiplication, like the library's own x^n templates.
                var b = new StringBuilder();
                Write(b, p.Base, style, AtomLevel);
                string factor = b.ToString();
                string product = "(" + string.Join(" * ", Repeat(factor, Math.Abs(p.Exponent))) + ")";
                sb.Append(p.Exponent < 0 ? "(1.0 / " + product + ")" : product);
                return;
            }

            Write(sb, p.Base, style, style == FormulaStyle.Latex && p.Base is not VariableExpr ? AtomLevel + 1 : AtomLevel);
            string exponent = p.Exponent.ToString(CultureInfo.InvariantCulture);
            sb.Append(style == FormulaStyle.Latex ? "^{" + exponent + "}" : p.Exponent < 0 ? "^(" + exponent + ")" : "^" + exponent);
        }

        private static string[] Repeat(string s, int n)
        {
            var parts = new string[Math.Max(n, 1)];
            for (int k = 0; k < parts.Length; k++)
            {
                parts[k] = n == 0 ? "1.0" : s;
            }

            return parts;
        }

        /// <summary>
        /// Fills a library template. When every <c>{0}</c> already sits inside parentheses the argument goes in bare;
        /// otherwise (e.g. <c>{0}^2</c>) a compound argument is parenthesised.
        /// </summary>
        private static void WriteCall(StringBuilder sb, string template, Expr argument, FormulaStyle style)
        {
            var a = new StringBuilder();
            Write(a, argument, style, WrappedEverywhere(template) ? SumLevel : AtomLevel);
            sb.Append(string.Format(CultureInfo.InvariantCulture, template, a.ToString()));
        }

        private static bool WrappedEverywhere(string template)
        {
            int at = 0;
            bool any = false;
            while ((at = template.IndexOf("{0}", at, StringComparison.Ordinal)) >= 0)
            {
                any = true;
                string before = template.Substring(0, at);
                string after = template.Substring(at + 3);
                // "(x)", "\\left(x\\right)" and LaTeX groups "{x}" (e^{x}) all delimit the argument already.
                bool open = before.EndsWith("(", StringComparison.Ordinal) || before.EndsWith("{", StringComparison.Ordinal);
                bool close = after.StartsWith(")", StringComparison.Ordinal) || after.StartsWith("}", StringComparison.Ordinal) || after.StartsWith("\\right)", StringComparison.Ordinal);
                if (!open || !close)
                {
                    return false;
                }

                at += 3;
            }

            return any;
        }

        /// <summary>Splits a negative term into its positive part so sums read <c>a - b</c>.</summary>
        private static bool TryNegate(Expr term, out Expr positive)
        {
            switch (term)
            {
                case ConstantExpr c when c.Value < 0:
                    positive = Expr.Constant(-c.Value);
                    return true;
                case ProductExpr p when p.Factors.Length > 1 && p.Factors[0] is ConstantExpr c && c.Value < 0:
                    positive = c.Value == -1.0
                        ? (p.Factors.Length == 2 ? p.Factors[1] : new ProductExpr(p.Factors.RemoveAt(0)))
                        : new ProductExpr(p.Factors.SetItem(0, Expr.Constant(-c.Value)));
                    return true;
                default:
                    positive = term;
                    return false;
            }
        }

        private static string Number(double v, FormulaStyle style)
        {
            if (style == FormulaStyle.CSharp)
            {
                if (double.IsNaN(v))
                {
                    return "double.NaN";
                }

                if (double.IsInfinity(v))
                {
                    return v > 0 ? "double.PositiveInfinity" : "double.NegativeInfinity";
                }
            }

            string s = v.ToString("R", CultureInfo.InvariantCulture);
            if (style == FormulaStyle.CSharp && s.IndexOfAny(new[] { '.', 'E' }) < 0)
            {
                s += ".0";
            }

            if (style == FormulaStyle.Latex && s.Contains('E'))
            {
                int e = s.IndexOf('E');
                s = s.Substring(0, e) + " \\cdot 10^{" + int.Parse(s.Substring(e + 1), CultureInfo.InvariantCulture) + "}";
            }

            return s;
        }

        private static string VariableName(string name, FormulaStyle style)
        {
            if (style == FormulaStyle.CSharp)
            {
                var sb = new StringBuilder(name.Length + 1);
                foreach (char ch in name)
                {
                    sb.Append(char.IsLetterOrDigit(ch) || ch == '_' ? ch : '_');
                }

                if (sb.Length == 0 || char.IsDigit(sb[0]))
                {
                    sb.Insert(0, '_');
                }

                return sb.ToString();
            }

            if (style == FormulaStyle.Latex)
            {
                // x1 -> x_{1}
                int digits = name.Length;
                while (digits > 0 && char.IsDigit(name[digits - 1]))
                {
                    digits--;
                }

                if (digits > 0 && digits < name.Length)
                {
                    return name.Substring(0, digits).TrimEnd('_') + "_{" + name.Substring(digits) + "}";
                }
            }

            return name;
        }
    }
}
