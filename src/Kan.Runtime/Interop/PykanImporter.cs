using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using Kan.Format;
using Kan.Format.Json;
using Kan.Symbolic;

namespace Kan.Interop
{
    /// <summary>
    /// Converts a <c>pykan-dump/1</c> JSON file (written by tools/export_pykan.py: pykan's <c>state_dict</c> plus its
    /// config) into a <see cref="KanModel"/> that computes exactly what pykan's <c>model(x)</c> computes, taking
    /// all of the caller's original input columns (pykan's <c>input_id</c> selects the ones it reads).
    /// </summary>
    public static class PykanImporter
    {
        public const string FormatName = "pykan-dump/1";

        private static readonly string[] TopFields =
            { "format", "note", "pykan_commit", "torch_version", "config", "input_id", "n_inputs_original", "state_dict", "samples", "formula", "test_rmse" };

        public static KanModel Read(string path) =>
            Parse(File.ReadAllText(path), path);

        public static KanModel Parse(string text, string fileName = "<pykan>")
        {
            JsonValue root = JsonParser.Parse(text, fileName);
            var top = new JsonObjectReader(root, fileName, "the pykan dump", TopFields);
            top.RejectUnknown();
            JsonValue formatValue = top.Required("format");
            if (top.String(formatValue, "format") != FormatName)
            {
                throw top.Error(formatValue.Position, "unsupported format '" + formatValue.Text + "'; expected '" + FormatName + "'");
            }

            JsonValue configValue = top.Required("config");
            var config = new JsonObjectReader(configValue, fileName, "config");
            int gridK = config.Int(config.Required("k"), "k", 1, KanFileParser.MaxOrder);
            bool symbolicEnabled = config.Optional("symbolic_enabled") is not JsonValue se || se.Kind == JsonKind.True;

            JsonValue baseValue = config.Required("base_fun_name");
            string baseName = config.String(baseValue, "base_fun_name");
            if (!BaseFunctions.TryParse(baseName, out BaseFunction baseFunction))
            {
                throw config.Error(baseValue.Position, "unsupported base_fun_name '" + baseName + "'; expected " + BaseFunctions.NameList);
            }

            // width: [[n_sum, n_mult], ...]; pykan also accepts plain integers for layers without multiplication.
            JsonValue widthValue = config.Required("width");
            var widthItems = config.Array(widthValue, "width", -1, "of [n_sum, n_mult] pairs");
            if (widthItems.Count < 2)
            {
                throw config.Error(widthValue.Position, "'width' must list at least two layers of nodes");
            }

            var nSum = new int[widthItems.Count];
            var nMult = new int[widthItems.Count];
            for (int l = 0; l < widthItems.Count; l++)
            {
                JsonValue w = widthItems[l];
                if (w.Kind == JsonKind.Number)
                {
                    nSum[l] = config.Int(w, "width", 0, KanFileParser.MaxWidth);
                }
                else
                {
                    var pair = config.Array(w, "width[" + l + "]", 2, "([n_sum, n_mult])");
                    nSum[l] = config.Int(pair[0], "width[" + l + "][0]", 0, KanFileParser.MaxWidth);
                    nMult[l] = config.Int(pair[1], "width[" + l + "][1]", 0, KanFileParser.MaxWidth);
                }
            }

            int[][] arity = MultArity(config, nMult);
            var sd = new JsonObjectReader(top.Required("state_dict"), fileName, "state_dict");
            int depth = widthItems.Count - 1;
            var layers = ImmutableArray.CreateBuilder<KanLayer>(depth);
            for (int l = 0; l < depth; l++)
            {
                int nIn = nSum[l] + nMult[l];
                int nOut = nSum[l + 1] + nMult[l + 1];
                int nSub = nSum[l + 1] + arity[l + 1].Sum();

                double[] grid = Tensor(sd, "act_fun." + l + ".grid", nIn, -1);
                int knotCount = grid.Length / nIn;
                double[] coef = Tensor(sd, "act_fun." + l + ".coef", nIn, nSub, knotCount - gridK - 1);
                double[] scaleBase = Tensor(sd, "act_fun." + l + ".scale_base", nIn, nSub);
                double[] scaleSp = Tensor(sd, "act_fun." + l + ".scale_sp", nIn, nSub);
                double[] mask = Tensor(sd, "act_fun." + l + ".mask", nIn, nSub);
                double[] symMask = Tensor(sd, "symbolic_fun." + l + ".mask", nSub, nIn);
                double[] affine = Tensor(sd, "symbolic_fun." + l + ".affine", nSub, nIn, 4);

                var symbolic = ImmutableArray.CreateBuilder<SymbolicEdge>();
                if (symbolicEnabled)
                {
                    string field = "symbolic.funs_name." + l;
                    JsonValue namesValue = config.Required(field);
                    var rows = config.Array(namesValue, field, nSub, "([out][in] function names)");
                    for (int j = 0; j < nSub; j++)
                    {
                        var names = config.Array(rows[j], field + "[" + j + "]", nIn, "([out][in] function names)");
                        for (int i = 0; i < nIn; i++)
                        {
                            double m = symMask[j * nIn + i];
                            if (m == 0.0)
                            {
                                continue; // a masked symbolic branch adds nothing
                            }

                            string fn = config.String(names[i], field);
                            if (!SymbolicFunctions.TryGet(fn, out _))
                            {
                                throw config.Error(names[i].Position, "unknown symbolic function '" + fn + "'; expected one of: " + SymbolicFunctions.NameList);
                            }

                            int a = (j * nIn + i) * 4;
                            symbolic.Add(new SymbolicEdge(i, j, fn, affine[a], affine[a + 1], affine[a + 2], affine[a + 3], m));
                        }
                    }
                }

                layers.Add(new KanLayer.Builder(new LayerTopology(nIn, nSum[l + 1], arity[l + 1].ToImmutableArray()))
                {
                    K = gridK,
                    BaseFunction = baseFunction,
                    Knots = grid.ToImmutableArray(),
                    Coefficients = coef.ToImmutableArray(),
                    ScaleBase = scaleBase.ToImmutableArray(),
                    ScaleSpline = scaleSp.ToImmutableArray(),
                    Mask = mask.ToImmutableArray(),
                    Symbolic = symbolic.ToImmutable(),
                    SubnodeScale = Tensor(sd, "subnode_scale_" + l, nSub).ToImmutableArray(),
                    SubnodeBias = Tensor(sd, "subnode_bias_" + l, nSub).ToImmutableArray(),
                    NodeScale = Tensor(sd, "node_scale_" + l, nOut).ToImmutableArray(),
                    NodeBias = Tensor(sd, "node_bias_" + l, nOut).ToImmutableArray(),
                }.Build());
            }

            int firstWidth = nSum[0] + nMult[0];
            int original = top.Optional("n_inputs_original") is JsonValue no ? top.Int(no, "n_inputs_original", 1, KanFileParser.MaxWidth) : firstWidth;
            var inputIds = ImmutableArray<int>.Empty;
            if (top.Optional("input_id") is JsonValue idValue)
            {
                var items = top.Array(idValue, "input_id", firstWidth, "(one column per first-layer input)");
                var ids = items.Select(v => top.Int(v, "input_id", 0, original - 1)).ToArray();
                bool identity = ids.Length == original && ids.Select((v, i) => v == i).All(b => b);
                inputIds = identity ? ImmutableArray<int>.Empty : ids.ToImmutableArray();
            }
            else if (original != firstWidth)
            {
                throw top.Error(root.Position, "'input_id' is required when n_inputs_original differs from the first layer's width");
            }

            var metadata = ImmutableArray.CreateBuilder<KeyValuePair<string, string>>();
            metadata.Add(new KeyValuePair<string, string>("source", "pykan"));
            foreach (string key in new[] { "note", "pykan_commit", "formula" })
            {
                if (top.Optional(key) is JsonValue v && v.Kind == JsonKind.String)
                {
                    metadata.Add(new KeyValuePair<string, string>(key == "formula" ? "pykan_formula" : key, v.Text));
                }
            }

            var inputNames = Enumerable.Range(1, original).Select(i => "x" + i).ToImmutableArray();
            int outputs = nSum[depth] + nMult[depth];
            var outputNames = Enumerable.Range(1, outputs).Select(i => "y" + i).ToImmutableArray();
            return new KanModel(inputNames, outputNames, inputIds, layers.MoveToImmutable(), metadata.ToImmutable());
        }

        /// <summary>pykan's <c>mult_arity</c>: one integer for every node, or a list per layer of per-node arities.</summary>
        private static int[][] MultArity(JsonObjectReader config, int[] nMult)
        {
            var result = new int[nMult.Length][];
            JsonValue? value = config.Optional("mult_arity");
            for (int l = 0; l < nMult.Length; l++)
            {
                if (value is null || value.Kind == JsonKind.Number)
                {
                    int a = value is null ? 2 : config.Int(value, "mult_arity", 2, 64);
                    result[l] = Enumerable.Repeat(a, nMult[l]).ToArray();
                }
                else
                {
                    var layers = config.Array(value, "mult_arity", nMult.Length, "(one list per layer)");
                    var items = config.Array(layers[l], "mult_arity[" + l + "]", nMult[l], "(one arity per multiplication node)");
                    result[l] = items.Select(v => config.Int(v, "mult_arity", 2, 64)).ToArray();
                }
            }

            return result;
        }

        /// <summary>Reads <c>{"shape": [...], "data": [...]}</c>, checking the shape (-1: any) and that data fills it.</summary>
        private static double[] Tensor(JsonObjectReader sd, string name, params int[] shape)
        {
            JsonValue value = sd.Required(name);
            var t = new JsonObjectReader(value, sd.Error(value.Position, "").FileName, "tensor '" + name + "'", "shape", "data");
            t.RejectUnknown();
            JsonValue shapeValue = t.Required("shape");
            var dims = t.Array(shapeValue, name + ".shape", shape.Length, "(" + shape.Length + " dimensions)");
            long total = 1;
            for (int d = 0; d < shape.Length; d++)
            {
                int size = t.Int(dims[d], name + ".shape[" + d + "]", 0, KanFileParser.MaxKnots);
                if (shape[d] >= 0 && size != shape[d])
                {
                    throw t.Error(dims[d].Position, "'" + name + "' must have size " + shape[d] + " in dimension " + d + ", found " + size);
                }

                total *= size;
            }

            var data = t.Array(t.Required("data"), name + ".data", (int)Math.Min(total, int.MaxValue), "(the tensor flattened in row-major order)");
            var result = new double[data.Count];
            for (int i = 0; i < result.Length; i++)
            {
                result[i] = t.Double(data[i], name + ".data[" + i + "]");
            }

            return result;
        }
    }
}
