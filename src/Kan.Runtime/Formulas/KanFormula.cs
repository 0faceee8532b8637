using System;
using System.Collections.Immutable;
using System.Linq;

namespace Kan.Formulas
{
    /// <summary>
    /// The closed-form formula of a model, one expression per output:
    /// <c>KanFormula.FromModel(model).Simplify().Round(4).ToText()</c>.
    /// Formulas with spline edges left are partial: those edges appear as <c>spline_l_i_j(...)</c>.
    /// </summary>
    public sealed class KanFormula
    {
        public KanFormula(ImmutableArray<string> outputNames, ImmutableArray<Expr> outputs)
        {
            if (outputNames.Length != outputs.Length)
            {
                throw new ArgumentException("One output name per expression is needed.");
            }

            OutputNames = outputNames;
            Outputs = outputs;
        }

        public ImmutableArray<string> OutputNames { get; }

        public ImmutableArray<Expr> Outputs { get; }

        /// <summary>True when no output still depends on a spline edge.</summary>
        public bool IsFullySymbolic => Outputs.All(o => o.IsFullySymbolic);

        /// <summary>The exact, unsimplified tree of what the model computes.</summary>
        public static KanFormula FromModel(KanModel model) => new KanFormula(model.OutputNames, FormulaExtractor.Extract(model));

        public KanFormula Simplify() => Map(FormulaSimplifier.Simplify);

        /// <summary>Simplified with every number rounded to <paramref name="digits"/> decimal places.</summary>
        public KanFormula Round(int digits) => Map(e => FormulaSimplifier.Round(e, digits));

        /// <summary>Evaluates every output at one row of the caller's inputs.</summary>
        public double[] Evaluate(ReadOnlySpan<double> inputs)
        {
            var y = new double[Outputs.Length];
            for (int o = 0; o < y.Length; o++)
            {
                y[o] = Outputs[o].Evaluate(inputs);
            }

            return y;
        }

        /// <summary>The expression of one output (no name): plain text, C# or LaTeX.</summary>
        public string Render(int output, FormulaStyle style) => FormulaRenderer.Render(Outputs[output], style);

        /// <summary>Plain text: the single output's expression, or <c>name = expression</c> lines for several outputs.</summary>
        public string ToText() => Lines(FormulaStyle.Text, " = ");

        public string ToCSharp() => Lines(FormulaStyle.CSharp, " = ");

        public string ToLatex() => Lines(FormulaStyle.Latex, " = ");

        public override string ToString() => ToText();

        private KanFormula Map(Func<Expr, Expr> f) => new KanFormula(OutputNames, Outputs.Select(f).ToImmutableArray());

        private string Lines(FormulaStyle style, string separator)
        {
            if (Outputs.Length == 1)
            {
                return Render(0, style);
            }

            return string.Join("\n", Enumerable.Range(0, Outputs.Length).Select(o => OutputNames[o] + separator + Render(o, style)));
        }
    }
}
