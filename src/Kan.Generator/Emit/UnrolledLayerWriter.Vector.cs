using System.Linq;

namespace Kan.Generator.Emit
{
    /// <summary>
    /// The same layer over four rows at once (<see cref="VectorBatchWriter"/>): one 256-bit lane per row. Each lane
    /// finds its knot interval by counting the knots at or below it (vector compares, the scalar path's count; on
    /// large grids the scalar search lane by lane), reads its polynomial coefficients from the same tables (four per
    /// load, transposed across the lanes), and a lane outside <c>[t0, t_last)</c> (or NaN) has its spline masked
    /// to zero, pykan's support. silu uses <c>Vector256.Exp</c>; symbolic edges are evaluated lane by lane with the
    /// scalar expression.
    /// </summary>
    internal sealed partial class UnrolledLayerWriter
    {
        internal const string Vector = "global::System.Runtime.Intrinsics.Vector256<double>";
        internal const string VectorOps = "global::System.Runtime.Intrinsics.Vector256";

        /// <summary>
        /// Interior knots per input up to which the lanes count knots with vector compares (two vector operations
        /// per knot for four rows); past it each lane runs the scalar search (arithmetic, guide table or binary
        /// search), which costs about the same whatever the grid. Past that many knots the vector count made batches
        /// slower than the scalar loop and the lane search faster (measurements in docs/benchmarks.md).
        /// </summary>
        internal const int VectorCountedKnots = 16;

        /// <summary>Writes <c>VectorLayer{index}</c>: reads vectors <c>x{i}</c>, assigns <c>y{n}</c>.</summary>
        public void WriteVectorMethod()
        {
            var parameters = Enumerable.Range(0, _layer.InputCount).Select(i => Vector + " x" + i)
                .Concat(Enumerable.Range(0, _layer.OutputCount).Select(n => "out " + Vector + " y" + n));
            _w.Open("private static void VectorLayer" + _index + "(" + string.Join(", ", parameters) + ")");
            for (int j = 0; j < _layer.SubnodeCount; j++)
            {
                _w.Line(Vector + " s" + j + " = " + Vector + ".Zero;");
            }

            for (int i = 0; i < _layer.InputCount; i++)
            {
                var terms = BaseTerms(i);
                if (terms.Count > 0)
                {
                    string x = "x" + i;
                    _w.Line("var b" + i + " = " + BaseFunctions.CSharpVector(_layer.BaseFunction, x, Vector, VectorOps) + ";");
                    foreach (var (j, c) in terms)
                    {
                        _w.Line("s" + j + " += " + (c == 1.0 ? "b" + i : "b" + i + " * " + _style.N(c)) + ";");
                    }
                }

                WriteVectorSplines(i, SplineEdges(i));
                WriteVectorSymbolic(i);
            }

            WriteNodes(VectorAffine);
            _w.Close();
        }

        private void WriteVectorSplines(int i, int[] edges)
        {
            if (edges.Length == 0)
            {
                return;
            }

            string x = "x" + i;
            int offset = _layer.KnotOffset(i), count = _layer.KnotCount, k = _layer.K;
            _w.Open();
            _w.Line("var inside = " + VectorOps + ".GreaterThanOrEqual(" + x + ", " + VectorOps + ".Create(" + _style.N(_layer.Knots[offset]) + ")) & " +
                VectorOps + ".LessThan(" + x + ", " + VectorOps + ".Create(" + _style.N(_layer.Knots[offset + count - 1]) + "));");
            if (count - 2 <= VectorCountedKnots)
            {
                // Each true compare is all ones, i.e. -1 as a long: the negated sum is the count of interior knots <= x.
                var compares = Enumerable.Range(1, count - 2).Select(m => "AtOrAbove(" + x + ", " + _style.N(_layer.Knots[offset + m]) + ")");
                _w.Line("var s = -(" + string.Join(" + ", compares) + ");");
                _w.Line("int at0 = (int)" + VectorOps + ".GetElement(s, 0), at1 = (int)" + VectorOps + ".GetElement(s, 1), at2 = (int)" + VectorOps + ".GetElement(s, 2), at3 = (int)" + VectorOps + ".GetElement(s, 3);");
            }
            else
            {
                // The scalar search per lane; it needs x inside [t0, t_last), so lanes outside (masked anyway) search t0.
                _w.Line("var inRange = " + VectorOps + ".ConditionalSelect(inside, " + x + ", " + VectorOps + ".Create(" + _style.N(_layer.Knots[offset]) + "));");
                _w.Line("int at0, at1, at2, at3;");
                for (int lane = 0; lane < 4; lane++)
                {
                    _w.Open();
                    _w.Line("double lane = " + VectorOps + ".GetElement(inRange, " + lane + ");");
                    WriteIntervalIndex("lane", i);
                    _w.Line("at" + lane + " = s;");
                    _w.Close();
                }
            }

            string knots = KnotsField(i);
            _w.Line("var t = " + x + " - " + VectorOps + ".Create(" + knots + "[at0], " + knots + "[at1], " + knots + "[at2], " + knots + "[at3]);");
            if (k >= 2)
            {
                _w.Line("var t2 = t * t;");
            }

            int stride = edges.Length * (k + 1);
            _w.Line("int p0 = at0 * " + stride + ", p1 = at1 * " + stride + ", p2 = at2 * " + stride + ", p3 = at3 * " + stride + ";");
            string polys = PolyField(i);
            for (int n = 0; n < edges.Length; n++)
            {
                // Four coefficients per load and lane, transposed so that vector q holds every lane's c_q.
                string name = "e" + edges[n] + "c";
                for (int first = 0; first <= k; first += 4)
                {
                    var outs = Enumerable.Range(first, 4).Select(q => q <= k ? "out var " + name + q : "out _");
                    _w.Line("Transpose(" + polys + ", p0, p1, p2, p3, " + (n * (k + 1) + first) + ", " + string.Join(", ", outs) + ");");
                }

                _w.Line("s" + edges[n] + " += (" + Polynomial(q => name + q, k) + ") & inside;");
            }

            _w.Close();
        }

        private void WriteVectorSymbolic(int i)
        {
            var edges = _layer.Symbolic.Where(e => e.Input == i && e.Mask != 0.0).ToList();
            if (edges.Count == 0)
            {
                return;
            }

            _w.Open();
            for (int lane = 0; lane < 4; lane++)
            {
                _w.Line("double x" + i + "_" + lane + " = " + VectorOps + ".GetElement(x" + i + ", " + lane + ");");
            }

            foreach (SymbolicEdge edge in edges)
            {
                var lanes = Enumerable.Range(0, 4).Select(lane => _style.SymbolicEdge(edge, "x" + i + "_" + lane));
                _w.Line("s" + edge.Output + " += " + VectorOps + ".Create(" + string.Join(", ", lanes) + ");");
            }

            _w.Close();
        }

        private string VectorAffine(double c, string value, double d)
        {
            string scaled = c == 1.0 ? value : value + " * " + _style.N(c);
            return d == 0.0 ? scaled : scaled + " + " + VectorOps + ".Create(" + _style.N(d) + ")";
        }
    }
}
