using System;
using System.Collections.Generic;
using System.Linq;

namespace Kan.Generator.Emit
{
    /// <summary>
    /// The same layer for one row in 256-bit vectors (the plan's <c>VectorCall</c>, small double models with k &lt;= 3
    /// on .NET 9+): the base functions of up to four inputs in one vector (one <see cref="CallExpWriter"/> exp for four silus),
    /// and each spline edge as one product: the interval's k + 1 polynomial coefficients, one load from the same
    /// table as the scalar code, times <c>(1, t, t^2, t^3)</c>, added (one fused multiply-add) into a per-subnode
    /// vector that is summed once at the end with the base terms (base values times scale_base, four inputs per
    /// vector). The interval search, symbolic edges and node arithmetic are the scalar code's.
    /// </summary>
    internal sealed partial class UnrolledLayerWriter
    {
        /// <summary>Writes <c>CallLayer{index}</c>: the signature of <c>Layer{index}</c>, reads <c>x{i}</c>, assigns <c>y{n}</c>.</summary>
        public void WriteCallMethod()
        {
            var parameters = Enumerable.Range(0, _layer.InputCount).Select(i => "double x" + i)
                .Concat(Enumerable.Range(0, _layer.OutputCount).Select(n => "out double y" + n));
            _w.Open("private static void CallLayer" + _index + "(" + string.Join(", ", parameters) + ")");
            var baseTerms = Enumerable.Range(0, _layer.InputCount).Select(BaseTerms).ToArray();
            int[][] groups = Enumerable.Range(0, _layer.InputCount).Where(i => baseTerms[i].Count > 0)
                .Select((input, n) => (input, n)).GroupBy(p => p.n / 4, p => p.input).Select(g => g.ToArray()).ToArray();
            for (int g = 0; g < groups.Length; g++)
            {
                var lanes = Enumerable.Range(0, 4).Select(r => r < groups[g].Length ? "x" + groups[g][r] : "0.0");
                string inputs = VectorOps + ".Create(" + string.Join(", ", lanes) + ")";
                if (_layer.BaseFunction == BaseFunction.Identity)
                {
                    _w.Line("var bv" + g + " = " + inputs + ";");
                    continue;
                }

                _w.Line("var xv" + g + " = " + inputs + ";");
                _w.Line("var bv" + g + " = " + BaseFunctions.CSharpVector(_layer.BaseFunction, "xv" + g, Vector, VectorOps).Replace(VectorOps + ".Exp(", CallExpWriter.Name + "(") + ";");
            }

            var splineSums = _plan.Inputs.SelectMany(input => input.SplineEdges).Distinct().OrderBy(j => j).ToArray();
            foreach (int j in splineSums)
            {
                _w.Line("var a" + j + " = " + Vector + ".Zero;");
            }

            for (int i = 0; i < _layer.InputCount; i++)
            {
                WriteCallSplines(i, SplineEdges(i));
            }

            // Each sum in one horizontal add: its spline vector plus its base terms, a group of inputs' base values
            // times the group's scale_base lanes. The two chains (exp, search and loads) meet only here.
            var declared = new bool[_layer.SubnodeCount];
            for (int j = 0; j < _layer.SubnodeCount; j++)
            {
                var terms = new List<string>();
                if (Array.IndexOf(splineSums, j) >= 0)
                {
                    terms.Add("a" + j);
                }

                for (int g = 0; g < groups.Length; g++)
                {
                    double[] scales = groups[g].Select(i => baseTerms[i].Where(t => t.Subnode == j).Select(t => t.Scale).DefaultIfEmpty(0.0).Single()).ToArray();
                    if (scales.Any(c => c != 0.0))
                    {
                        string term = "bv" + g + " * " + VectorOps + ".Create(" + string.Join(", ", Enumerable.Range(0, 4).Select(r => r < scales.Length ? _style.N(scales[r]) : "0.0")) + ")";
                        // An input without a base term on this edge must add nothing, even where its base value is
                        // not finite (0 * inf is NaN): its lane is masked to +0. Padding lanes hold b(0), finite.
                        if (scales.Any(c => c == 0.0))
                        {
                            term = "(" + term + " & " + VectorOps + ".AsDouble(" + VectorOps + ".Create(" + string.Join(", ", Enumerable.Range(0, 4).Select(r => r < scales.Length && scales[r] == 0.0 ? "0L" : "-1L")) + ")))";
                        }

                        terms.Add(term);
                    }
                }

                if (terms.Count > 0)
                {
                    _w.Line("double s" + j + " = " + VectorOps + ".Sum(" + string.Join(" + ", terms) + ");");
                    declared[j] = true;
                }
            }

            for (int j = 0; j < _layer.SubnodeCount; j++)
            {
                if (!declared[j] && !_layer.Symbolic.Any(e => e.Output == j && e.Mask != 0.0))
                {
                    _w.Line("double s" + j + " = " + _style.Zero + ";");
                    declared[j] = true;
                }
            }

            foreach (SymbolicEdge edge in _layer.Symbolic)
            {
                WriteSymbolic(edge, declared);
            }

            WriteNodes(_style.Affine);
            _w.Close();
        }

        private void WriteCallSplines(int i, int[] edges)
        {
            if (edges.Length == 0)
            {
                return;
            }

            string x = "x" + i;
            int offset = _layer.KnotOffset(i), count = _layer.KnotCount, k = _layer.K;
            string polys = PolyField(i);
            _w.Open("if (" + x + " >= " + _style.N(_layer.Knots[offset]) + " && " + x + " < " + _style.N(_layer.Knots[offset + count - 1]) + ")");
            WriteIntervalIndex(x, i);
            _w.Line("double t = " + x + " - " + KnotsField(i) + "[s];");
            // Powers past k are 0, so the lanes a load reads beyond the edge's k + 1 coefficients (the next
            // edge's, or the table's padding) add nothing.
            string[] powers = { "1.0", "t", "t2", "t2 * t" };
            if (k >= 2)
            {
                _w.Line("double t2 = t * t;");
            }

            _w.Line("var tp = " + VectorOps + ".Create(" + string.Join(", ", Enumerable.Range(0, 4).Select(q => q <= k ? powers[q] : "0.0")) + ");");
            _w.Line("int p = s * " + (edges.Length * (k + 1)) + ";");
            for (int n = 0; n < edges.Length; n++)
            {
                string a = "a" + edges[n];
                _w.Line(a + " = " + VectorOps + ".FusedMultiplyAdd(" + VectorOps + ".LoadUnsafe(ref " + polys + "[p + " + (n * (k + 1)) + "]), tp, " + a + ");");
            }

            _w.Close();
        }
    }
}
