using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Text;

namespace Kan.Format
{
    /// <summary>
    /// Writes the canonical <c>.kan</c> text: fixed field order, two-space indent, <c>\n</c> line endings, one knot
    /// vector or coefficient vector per line, and doubles in shortest round-trip form ("R"), so reading gives back
    /// the same bits.
    /// </summary>
    internal static class KanFileWriter
    {
        public static string Write(KanModel model)
        {
            var w = new StringBuilder();
            w.Append("{\n");
            w.Append("  \"format\": ").Append(Quote(KanFileParser.FormatName)).Append(",\n");
            if (model.Name is string name)
            {
                w.Append("  \"name\": ").Append(Quote(name)).Append(",\n");
            }

            w.Append("  \"inputs\": ").Append(Strings(model.InputNames)).Append(",\n");
            w.Append("  \"outputs\": ").Append(Strings(model.OutputNames)).Append(",\n");
            if (!model.InputIds.IsEmpty)
            {
                w.Append("  \"input_ids\": [").Append(string.Join(", ", model.InputIds)).Append("],\n");
            }

            if (model.HasInputNormalization)
            {
                w.Append("  \"input_normalization\": {\n");
                w.Append("    \"scale\": ").Append(Numbers(model.InputScale, 0, model.InputScale.Length)).Append(",\n");
                w.Append("    \"bias\": ").Append(Numbers(model.InputBias, 0, model.InputBias.Length)).Append("\n");
                w.Append("  },\n");
            }

            if (!model.Metadata.IsEmpty)
            {
                w.Append("  \"metadata\": {\n");
                for (int i = 0; i < model.Metadata.Length; i++)
                {
                    KeyValuePair<string, string> pair = model.Metadata[i];
                    w.Append("    ").Append(Quote(pair.Key)).Append(": ").Append(Quote(pair.Value));
                    w.Append(i + 1 < model.Metadata.Length ? ",\n" : "\n");
                }

                w.Append("  },\n");
            }

            if (model.Generator is GeneratorSettings generator)
            {
                WriteGenerator(w, generator);
            }

            w.Append("  \"layers\": [\n");
            for (int l = 0; l < model.Layers.Length; l++)
            {
                WriteLayer(w, model.Layers[l]);
                w.Append(l + 1 < model.Layers.Length ? ",\n" : "\n");
            }

            w.Append("  ]\n");
            w.Append("}\n");
            return w.ToString();
        }

        private static void WriteGenerator(StringBuilder w, GeneratorSettings generator)
        {
            var fields = new List<string>();
            void Add(string field, string? value)
            {
                if (value is not null)
                {
                    fields.Add("    " + Quote(field) + ": " + value);
                }
            }

            Add("class_name", generator.ClassName is null ? null : Quote(generator.ClassName));
            Add("namespace", generator.Namespace is null ? null : Quote(generator.Namespace));
            Add("accessibility", generator.Accessibility is null ? null : Quote(generator.Accessibility));
            Add("precision", generator.Precision is null ? null : Quote(generator.Precision));
            Add("vector_batch", generator.VectorBatch is bool flag ? (flag ? "true" : "false") : null);
            w.Append(fields.Count == 0 ? "  \"generator\": {},\n" : "  \"generator\": {\n" + string.Join(",\n", fields) + "\n  },\n");
        }

        private static void WriteLayer(StringBuilder w, KanLayer layer)
        {
            const string I = "      ";
            w.Append("    {\n");
            w.Append(I).Append("\"in\": ").Append(Int(layer.InputCount)).Append(",\n");
            w.Append(I).Append("\"out\": ").Append(Int(layer.OutputCount)).Append(",\n");
            w.Append(I).Append("\"k\": ").Append(Int(layer.K)).Append(",\n");
            w.Append(I).Append("\"base\": ").Append(Quote(BaseFunctions.Name(layer.BaseFunction))).Append(",\n");
            if (!layer.MultArity.IsEmpty)
            {
                w.Append(I).Append("\"sum\": ").Append(Int(layer.SumCount)).Append(",\n");
                w.Append(I).Append("\"mult_arity\": [").Append(string.Join(", ", layer.MultArity)).Append("],\n");
            }

            int n = layer.KnotCount;
            w.Append(I).Append("\"knots\": [\n");
            for (int i = 0; i < layer.InputCount; i++)
            {
                w.Append(I).Append("  ").Append(Numbers(layer.Knots, i * n, n)).Append(i + 1 < layer.InputCount ? ",\n" : "\n");
            }

            w.Append(I).Append("],\n");

            int c = layer.CoefficientCount;
            w.Append(I).Append("\"coef\": [\n");
            for (int i = 0; i < layer.InputCount; i++)
            {
                w.Append(I).Append("  [\n");
                for (int j = 0; j < layer.SubnodeCount; j++)
                {
                    w.Append(I).Append("    ").Append(Numbers(layer.Coefficients, layer.CoefficientOffset(i, j), c));
                    w.Append(j + 1 < layer.SubnodeCount ? ",\n" : "\n");
                }

                w.Append(I).Append(i + 1 < layer.InputCount ? "  ],\n" : "  ]\n");
            }

            w.Append(I).Append("],\n");
            WriteMatrix(w, I, "scale_base", layer.ScaleBase, layer.InputCount, layer.SubnodeCount);
            WriteMatrix(w, I, "scale_sp", layer.ScaleSpline, layer.InputCount, layer.SubnodeCount);
            WriteMatrix(w, I, "mask", layer.Mask, layer.InputCount, layer.SubnodeCount);
            if (!layer.Symbolic.IsEmpty)
            {
                w.Append(I).Append("\"symbolic\": [\n");
                for (int s = 0; s < layer.Symbolic.Length; s++)
                {
                    SymbolicEdge e = layer.Symbolic[s];
                    if (!Kan.Symbolic.SymbolicFunctions.TryGet(e.Function, out _))
                    {
                        // User-registered functions (Kan.Training.Symbolic.SymbolicLibrary) have no meaning for a
                        // .kan v1 reader: refuse rather than write a file nothing can load.
                        throw new System.InvalidOperationException(
                            "Cannot save: edge (" + e.Input + "," + e.Output + ") uses the custom symbolic function '" + e.Function +
                            "', which .kan v1 does not know. Built-in functions: " + Kan.Symbolic.SymbolicFunctions.NameList + ".");
                    }

                    w.Append(I).Append("  {\"in\": ").Append(Int(e.Input)).Append(", \"out\": ").Append(Int(e.Output))
                        .Append(", \"fn\": ").Append(Quote(e.Function))
                        .Append(", \"a\": ").Append(Number(e.A)).Append(", \"b\": ").Append(Number(e.B))
                        .Append(", \"c\": ").Append(Number(e.C)).Append(", \"d\": ").Append(Number(e.D))
                        .Append(", \"mask\": ").Append(Number(e.Mask)).Append('}')
                        .Append(s + 1 < layer.Symbolic.Length ? ",\n" : "\n");
                }

                w.Append(I).Append("],\n");
            }

            w.Append(I).Append("\"subnode_scale\": ").Append(Numbers(layer.SubnodeScale, 0, layer.SubnodeCount)).Append(",\n");
            w.Append(I).Append("\"subnode_bias\": ").Append(Numbers(layer.SubnodeBias, 0, layer.SubnodeCount)).Append(",\n");
            w.Append(I).Append("\"node_scale\": ").Append(Numbers(layer.NodeScale, 0, layer.OutputCount)).Append(",\n");
            w.Append(I).Append("\"node_bias\": ").Append(Numbers(layer.NodeBias, 0, layer.OutputCount)).Append('\n');
            w.Append("    }");
        }

        private static void WriteMatrix(StringBuilder w, string indent, string field, ImmutableArray<double> values, int rows, int cols)
        {
            w.Append(indent).Append('"').Append(field).Append("\": [\n");
            for (int i = 0; i < rows; i++)
            {
                w.Append(indent).Append("  ").Append(Numbers(values, i * cols, cols)).Append(i + 1 < rows ? ",\n" : "\n");
            }

            w.Append(indent).Append("],\n");
        }

        private static string Numbers(ImmutableArray<double> values, int start, int count)
        {
            var sb = new StringBuilder("[");
            for (int i = 0; i < count; i++)
            {
                if (i > 0)
                {
                    sb.Append(", ");
                }

                sb.Append(Number(values[start + i]));
            }

            return sb.Append(']').ToString();
        }

        /// <summary>Shortest text that parses back to the same double; "-0" keeps the sign of zero.</summary>
        internal static string Number(double d) => d.ToString("R", CultureInfo.InvariantCulture);

        private static string Int(int i) => i.ToString(CultureInfo.InvariantCulture);

        private static string Strings(ImmutableArray<string> values)
        {
            var sb = new StringBuilder("[");
            for (int i = 0; i < values.Length; i++)
            {
                sb.Append(i > 0 ? ", " : "").Append(Quote(values[i]));
            }

            return sb.Append(']').ToString();
        }

        internal static string Quote(string s)
        {
            var sb = new StringBuilder(s.Length + 2).Append('"');
            foreach (char ch in s)
            {
                switch (ch)
                {
                    case '"': sb.Append("\\\""); break;
                    case '\\': sb.Append("\\\\"); break;
                    case '\n': sb.Append("\\n"); break;
                    case '\r': sb.Append("\\r"); break;
                    case '\t': sb.Append("\\t"); break;
                    default:
                        if (ch < ' ' || ch == '\u2028' || ch == '\u2029')
                        {
                            sb.Append("\\u").Append(((int)ch).ToString("x4", CultureInfo.InvariantCulture));
                        }
                        else
                        {
                            sb.Append(ch);
                        }

                        break;
                }
            }

            return sb.Append('"').ToString();
        }
    }
}
