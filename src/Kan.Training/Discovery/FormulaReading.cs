using System;
using System.Collections.Generic;
using System.Linq;
using Kan.Formulas;

namespace Kan.Training.Discovery
{
    /// <summary>
    /// Turns a fully symbolic network into the formula discovery reports: simplified (constants folded, affine
    /// chains merged, exp products merged, by <see cref="FormulaSimplifier"/>), constants rounded to the fewest
    /// decimals that keep the validation RMSE within a factor of the unrounded formula's, known constants named.
    /// </summary>
    internal static class FormulaReading
    {
        private const int MaxDigits = 12;

        /// <summary>
        /// The simplified, rounded formula, its text (known constants named) and its validation RMSE (caller units).
        /// </summary>
        public static (Expr Formula, string Text, double ValidationRmse) Read(KanNetwork callerUnits, double[,] inputs, double[] target, double slack)
        {
            Expr exact = FormulaSimplifier.Simplify(MergeExponentials(FormulaSimplifier.Simplify(GaussianAsExp(KanFormula.FromModel(callerUnits.ToModel()).Outputs[0]))));
            double exactRmse = Rmse(exact, inputs, target);
            for (int digits = 1; digits <= MaxDigits; digits++)
            {
                Expr rounded = FormulaSimplifier.Round(exact, digits);
                double rmse = Rmse(rounded, inputs, target);
                if (rmse <= 1.5 * exactRmse + slack)
                {
                    return (rounded, KnownConstants.Name(rounded, digits), rmse);
                }
            }

            return (exact, exact.ToString(), exactRmse);
        }

        /// <summary>
        /// <c>gaussian(u)</c> written as <c>exp(-u^2)</c>, so the simplifier expands the square and merges the
        /// exponential with others (<c>exp(-(0.7071*x)^2)</c> reads <c>exp(-0.5*x^2)</c>).
        /// </summary>
        internal static Expr GaussianAsExp(Expr e) => e switch
        {
            CallExpr c when c.Function.Name == "gaussian" =>
                Expr.Call(Kan.Symbolic.SymbolicFunctions.Get("exp"), Expr.Multiply(Expr.Constant(-1.0), Expr.Power(GaussianAsExp(c.Argument), 2))),
            CallExpr c => Expr.Call(c.Function, GaussianAsExp(c.Argument)),
            SumExpr s => Expr.Add(s.Terms.Select(GaussianAsExp).ToArray()),
            ProductExpr p => Expr.Multiply(p.Factors.Select(GaussianAsExp).ToArray()),
            PowerExpr p => Expr.Power(GaussianAsExp(p.Base), p.Exponent),
            _ => e,
        };

        /// <summary><c>a*exp(u)*exp(v)</c> written as <c>a*exp(u + v)</c> in every product of the tree.</summary>
        internal static Expr MergeExponentials(Expr e)
        {
            switch (e)
            {
                case ProductExpr p:
                {
                    Expr[] factors = p.Factors.Select(MergeExponentials).ToArray();
                    CallExpr[] exps = factors.OfType<CallExpr>().Where(c => c.Function.Name == "exp").ToArray();
                    if (exps.Length < 2)
                    {
                        return Expr.Multiply(factors);
                    }

                    Expr merged = Expr.Call(exps[0].Function, Expr.Add(exps.Select(c => c.Argument).ToArray()));
                    return Expr.Multiply(factors.Where(f => !exps.Contains(f)).Append(merged).ToArray());
                }

                case SumExpr s:
                    return Expr.Add(s.Terms.Select(MergeExponentials).ToArray());
                case CallExpr c:
                    return Expr.Call(c.Function, MergeExponentials(c.Argument));
                case PowerExpr p:
                    return Expr.Power(MergeExponentials(p.Base), p.Exponent);
                default:
                    return e;
            }
        }

        /// <summary>Nodes of the tree: every constant, variable, sum, product, power and function call counts one.</summary>
        public static int Complexity(Expr e) => e switch
        {
            SumExpr s => 1 + Sum(s.Terms),
            ProductExpr p => 1 + Sum(p.Factors),
            PowerExpr p => 1 + Complexity(p.Base),
            CallExpr c => 1 + Complexity(c.Argument),
            SplineExpr s => 1 + Complexity(s.Argument),
            _ => 1,
        };

        public static double Rmse(Expr e, double[,] inputs, double[] target)
        {
            int rows = inputs.GetLength(0), cols = inputs.GetLength(1);
            var row = new double[cols];
            double s = 0;
            for (int r = 0; r < rows; r++)
            {
                for (int c = 0; c < cols; c++)
                {
                    row[c] = inputs[r, c];
                }

                double d = e.Evaluate(row) - target[r];
                s += d * d;
            }

            double rmse = Math.Sqrt(s / rows);
            return double.IsNaN(rmse) ? double.PositiveInfinity : rmse;
        }

        private static int Sum(IEnumerable<Expr> items)
        {
            int n = 0;
            foreach (Expr e in items)
            {
                n += Complexity(e);
            }

            return n;
        }
    }
}
