using System.Linq;

namespace Kan.Generator.Emit
{
    /// <summary>
    /// The same layer for one row in 256-bit vectors (the plan's <c>VectorCall</c>, small double models with k &lt;= 3
    /// on .NET 9+): the silus of up to four inputs in one vector (one <c>Vector256.Exp</c> for four),
    /// and each spline edge as one product: the interval's k + 1 polynomial coefficients, one load from the same
    /// table as the scalar code, times <c>(1, t, t^2, t^3)</c>, added (one fused multiply-add) into a per-subnode
    /// vector that is summed once at the end. The interval search, symbolic edges and node arithmetic are the scalar code's.
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
            int[] withBase = Enumerable.Range(0, _layer.InputCount).Where(i => baseTerms[i].Count > 0).ToArray();
            // silu pays for a vector (one Exp for four inputs); identity is written as in the scalar code.
            if (_layer.BaseFunction != BaseFunction.Silu)
            {
                foreach (int i in withBase)
                {
                    _w.Line("double b" + i + " = " + _style.Base(_layer.BaseFunction, "x" + i) + ";");
                }
            }

            for (int group = 0; _layer.BaseFunction == BaseFunction.Silu && group * 4 < withBase.Length; group++)
            {
                int[] lanes = withBase.Skip(group * 4).Take(4).ToArray();
                string v = "xv" + group, b = "bv" + group;
                _w.Line("var " + v + " = " + VectorOps + ".Create(" + string.Join(", ", Enumerable.Range(0, 4).Select(r => r < lanes.Length ? "x" + lanes[r] : "0.0")) + ");");
                _w.Line("var " + b + " = " + BaseFunctions.CSharpVector(_layer.BaseFunction, v, Vector, VectorOps) + ";");
                for (int r = 0; r < lanes.Length; r++)
                {
                    _w.Line("double b" + lanes[r] + " = " + VectorOps + ".GetElement(" + b + ", " + r + ");");
                }
            }

            // Every base term first, each sum declared by its first; then the spline edges into vectors.
            var declared = new bool[_layer.SubnodeCount];
            foreach (int i in withBase)
            {
                foreach (var (j, c) in baseTerms[i])
                {
                    _w.Line((declared[j] ? "s" + j + " += " : "double s" + j + " = ") + _style.Scale(c, "b" + i) + ";");
                    declared[j] = true;
                }
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

            foreach (int j in splineSums)
            {
                _w.Line((declared[j] ? "s" + j + " += " : "double s" + j + " = ") + VectorOps + ".Sum(a" + j + ");");
                declared[j] = true;
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
