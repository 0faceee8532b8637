using System.Linq;
using Kan.Generator.Planning;

namespace Kan.Generator.Emit
{
    /// <summary>
    /// The batch path of an unrolled double model on .NET 9 or later: four rows per iteration in
    /// <c>Vector256&lt;double&gt;</c> lanes where the CPU has AVX2, the remaining rows (and every row elsewhere)
    /// through the scalar <c>Compute</c>. All of it sits under <c>#if NET9_0_OR_GREATER</c>
    /// (<c>Vector256.Exp</c> arrived in .NET 9), so netstandard2.0 and C# 9 builds see only the scalar code. Rows are
    /// independent, so one row's interval search, coefficient loads and silu overlap with three others': on the
    /// toy model this roughly halves the time per row (docs/benchmarks.md).
    /// </summary>
    internal static class VectorBatchWriter
    {
        internal const string Symbol = "NET9_0_OR_GREATER";

        /// <summary>
        /// Writes the guarded block: <c>ComputeRows4</c>, its two helpers and one vector method per layer, marked
        /// AggressiveInlining exactly when the scalar layers are (small models).
        /// </summary>
        public static void Write(SourceWriter w, CodeStyle style, KanModel model, ModelPlan plan)
        {
            const string V = UnrolledLayerWriter.Vector, Ops = UnrolledLayerWriter.VectorOps, Avx = "global::System.Runtime.Intrinsics.X86.Avx";
            const string Inline = "[global::System.Runtime.CompilerServices.MethodImpl(global::System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]";
            w.Line();
            w.Line("#if " + Symbol);
            w.Line("// Rows [0, returned) of a batch, four at a time in 256-bit vectors; 0 without AVX2 (e.g. on Arm).");
            w.Open("private static int ComputeRows4(global::System.ReadOnlySpan<double> inputs, global::System.Span<double> outputs, int rows)");
            w.Line("if (!global::System.Runtime.Intrinsics.X86.Avx2.IsSupported) return 0;");
            w.Line("int row = 0;");
            w.Open("for (; row + 4 <= rows; row += 4)");
            w.Line("int at = row * InputCount;");
            var current = Enumerable.Range(0, model.Layers[0].InputCount).Select(i =>
            {
                int c = model.InputColumn(i);
                string column = Ops + ".Create(" + string.Join(", ", Enumerable.Range(0, 4).Select(r => "inputs[at + " + (r == 0 ? string.Empty : r + " * InputCount + ") + c + "]")) + ")";
                if (model.HasInputNormalization)
                {
                    column = column + " * " + style.N(model.InputScale[c]) + (model.InputBias[c] == 0.0 ? string.Empty : " + " + Ops + ".Create(" + style.N(model.InputBias[c]) + ")");
                }

                w.Line("var a" + i + " = " + column + ";");
                return "a" + i;
            }).ToList();
            for (int l = 0; l < model.Layers.Length; l++)
            {
                var outs = Enumerable.Range(0, model.Layers[l].OutputCount).Select(n => "out var h" + l + "_" + n).ToList();
                w.Line("VectorLayer" + l + "(" + string.Join(", ", current.Concat(outs)) + ");");
                current = Enumerable.Range(0, model.Layers[l].OutputCount).Select(n => "h" + l + "_" + n).ToList();
            }

            w.Line("int to = row * OutputCount;");
            for (int n = 0; n < model.OutputCount; n++)
            {
                for (int r = 0; r < 4; r++)
                {
                    w.Line("outputs[to + " + (r == 0 ? string.Empty : r + " * OutputCount + ") + n + "] = " + Ops + ".GetElement(" + current[n] + ", " + r + ");");
                }
            }

            w.Close();
            w.Line("return row;");
            w.Close();
            w.Line();
            w.Line("// All ones (-1 as a long) in the lanes at or above the knot.");
            w.Line(Inline);
            w.Line("private static global::System.Runtime.Intrinsics.Vector256<long> AtOrAbove(" + V + " x, double knot) => " + Ops + ".AsInt64(" + Ops + ".GreaterThanOrEqual(x, " + Ops + ".Create(knot)));");
            w.Line();
            w.Line("// table[p_r + offset .. + 4) for the four rows r, transposed: lane r of c_q is table[p_r + offset + q].");
            w.Line("// Every p_r is an interval's start, and the tables are padded to whole loads, so the slices are in range.");
            w.Line(Inline);
            w.Open("private static void Transpose(double[] table, int p0, int p1, int p2, int p3, int offset, out " + V + " c0, out " + V + " c1, out " + V + " c2, out " + V + " c3)");
            for (int r = 0; r < 4; r++)
            {
                w.Line("var r" + r + " = " + Ops + ".Create(new global::System.ReadOnlySpan<double>(table, p" + r + " + offset, 4));");
            }

            w.Line("var low01 = " + Avx + ".UnpackLow(r0, r1);");
            w.Line("var high01 = " + Avx + ".UnpackHigh(r0, r1);");
            w.Line("var low23 = " + Avx + ".UnpackLow(r2, r3);");
            w.Line("var high23 = " + Avx + ".UnpackHigh(r2, r3);");
            w.Line("c0 = " + Avx + ".Permute2x128(low01, low23, 0x20);");
            w.Line("c1 = " + Avx + ".Permute2x128(high01, high23, 0x20);");
            w.Line("c2 = " + Avx + ".Permute2x128(low01, low23, 0x31);");
            w.Line("c3 = " + Avx + ".Permute2x128(high01, high23, 0x31);");
            w.Close();
            for (int l = 0; l < model.Layers.Length; l++)
            {
                w.Line();
                if (plan.Inline)
                {
                    w.Line(Inline);
                }

                new UnrolledLayerWriter(w, style, (UnrolledLayerPlan)plan.Layers[l]).WriteVectorMethod();
            }

            w.Line("#endif");
        }
    }
}
