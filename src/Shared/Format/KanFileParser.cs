// Shared source: compiled into Kan.Runtime and Kan.Generator.
using System.Collections.Generic;
using System.Collections.Immutable;
using Kan.Format.Json;
using Kan.Symbolic;

namespace Kan.Format
{
    /// <summary>
    /// Reads <c>.kan</c> v1 text (docs/kan-format.md) into a <see cref="KanModel"/>, checking every shape and
    /// value. Lengths are checked against the arrays actually present before anything is sized from them,
    /// so a small file that claims a huge shape fails fast instead of allocating.
    /// </summary>
    public static class KanFileParser
    {
        public const string FormatName = "kan/1";

        /// <summary>Caps that keep a hostile file from asking for absurd work; far above any real model.</summary>
        public const int MaxLayers = 1000;
        public const int MaxWidth = 1_000_000;
        public const int MaxOrder = 32;
        public const int MaxKnots = 1_000_000;

        private static readonly string[] TopFields =
            { "format", "name", "inputs", "outputs", "input_ids", "input_normalization", "metadata", "generator", "layers" };

        private static readonly string[] LayerFields =
        {
            "in", "out", "k", "base", "sum", "mult_arity", "knots", "coef", "scale_base", "scale_sp", "mask",
            "symbolic", "subnode_scale", "subnode_bias", "node_scale", "node_bias",
        };

        private static readonly string[] SymbolicFields = { "in", "out", "fn", "a", "b", "c", "d", "mask" };

        public static KanModel Parse(string text, string fileName)
        {
            JsonValue root = JsonParser.Parse(text, fileName);
            var top = new JsonObjectReader(root, fileName, "the model", TopFields);
            top.RejectUnknown();

            JsonValue format = top.Required("format");
            string formatName = top.String(format, "format");
            if (formatName != FormatName)
            {
                throw top.Error(format.Position, "unsupported format '" + formatName + "'; this reader understands '" + FormatName + "'");
            }

            string? name = top.Optional("name") is JsonValue n ? top.String(n, "name") : null;
            ImmutableArray<string> inputs = Names(top, "inputs");
            ImmutableArray<string> outputs = Names(top, "outputs");

            ImmutableArray<int> inputIds = ImmutableArray<int>.Empty;
            if (top.Optional("input_ids") is JsonValue idsValue)
            {
                var items = top.Array(idsValue, "input_ids", -1, "of input column indices");
                var ids = ImmutableArray.CreateBuilder<int>(items.Count);
                foreach (var item in items)
                {
                    ids.Add(top.Int(item, "input_ids", 0, inputs.Length - 1));
                }

                inputIds = ids.MoveToImmutable();
            }

            ImmutableArray<double> inputScale = default, inputBias = default;
            if (top.Optional("input_normalization") is JsonValue normValue)
            {
                var norm = new JsonObjectReader(normValue, fileName, "input_normalization", "scale", "bias");
                norm.RejectUnknown();
                inputScale = Doubles(norm, norm.Required("scale"), "scale", inputs.Length, "(one per input)");
                inputBias = Doubles(norm, norm.Required("bias"), "bias", inputs.Length, "(one per input)");
            }

            var metadata = ImmutableArray<KeyValuePair<string, string>>.Empty;
            if (top.Optional("metadata") is JsonValue metaValue)
            {
                var meta = new JsonObjectReader(metaValue, fileName, "metadata");
                var builder = ImmutableArray.CreateBuilder<KeyValuePair<string, string>>();
                foreach (var m in metaValue.Members)
                {
                    builder.Add(new KeyValuePair<string, string>(m.Name, meta.String(m.Value, "metadata." + m.Name)));
                }

                metadata = builder.ToImmutable();
            }

            GeneratorSettings? generator = top.Optional("generator") is JsonValue generatorValue ? ParseGenerator(generatorValue, fileName) : null;

            JsonValue layersValue = top.Required("layers");
            var layerItems = top.Array(layersValue, "layers", -1, "of layer objects");
            if (layerItems.Count == 0 || layerItems.Count > MaxLayers)
            {
                throw top.Error(layersValue.Position, "'layers' must hold from 1 to " + MaxLayers + " layers, found " + layerItems.Count);
            }

            int expectedIn = inputIds.IsEmpty ? inputs.Length : inputIds.Length;
            var layers = ImmutableArray.CreateBuilder<KanLayer>(layerItems.Count);
            for (int l = 0; l < layerItems.Count; l++)
            {
                string where = l == 0
                    ? (inputIds.IsEmpty ? "the number of inputs" : "the length of input_ids")
                    : "the 'out' of layer " + (l - 1);
                KanLayer layer = ParseLayer(layerItems[l], fileName, l, expectedIn, where);
                layers.Add(layer);
                expectedIn = layer.OutputCount;
            }

            if (expectedIn != outputs.Length)
            {
                JsonValue outValue = new JsonObjectReader(layerItems[layerItems.Count - 1], fileName, "layer").Required("out");
                throw top.Error(outValue.Position, "the last layer has " + expectedIn + " outputs but 'outputs' names " + outputs.Length);
            }

            return new KanModel(inputs, outputs, inputIds, layers.MoveToImmutable(), metadata, name, inputScale, inputBias, generator);
        }

        // Only the shape is checked here; the values mean something to the generator alone, which validates them (KAN0002).
        private static GeneratorSettings ParseGenerator(JsonValue value, string fileName)
        {
            var r = new JsonObjectReader(value, fileName, "generator", GeneratorSettings.FieldNames);
            r.RejectUnknown();
            string? Text(string field) => r.Optional(field) is JsonValue v ? r.String(v, "generator." + field) : null;
            bool? vectorBatch = null;
            if (r.Optional("vector_batch") is JsonValue flag)
            {
                if (flag.Kind != JsonKind.True && flag.Kind != JsonKind.False)
                {
                    throw r.Error(flag.Position, "'generator.vector_batch' must be true or false, found " + JsonValue.Describe(flag.Kind));
                }

                vectorBatch = flag.Kind == JsonKind.True;
            }

            return new GeneratorSettings(Text("class_name"), Text("namespace"), Text("accessibility"), Text("precision"), vectorBatch);
        }

        private static KanLayer ParseLayer(JsonValue value, string fileName, int l, int expectedIn, string where)
        {
            string what = "layer " + l;
            var r = new JsonObjectReader(value, fileName, what, LayerFields);
            r.RejectUnknown();

            JsonValue inValue = r.Required("in");
            int nIn = r.Int(inValue, "in", 1, MaxWidth);
            if (nIn != expectedIn)
            {
                throw r.Error(inValue.Position, "'in' of " + what + " must be " + expectedIn + " (" + where + "), found " + nIn);
            }

            int nOut = r.Int(r.Required("out"), "out", 1, MaxWidth);
            int k = r.Int(r.Required("k"), "k", 1, MaxOrder);

            JsonValue baseValue = r.Required("base");
            string baseName = r.String(baseValue, "base");
            if (!BaseFunctions.TryParse(baseName, out BaseFunction baseFunction))
            {
                throw r.Error(baseValue.Position, "unknown base function '" + baseName + "'; expected " + BaseFunctions.NameList);
            }

            var multArity = ImmutableArray<int>.Empty;
            if (r.Optional("mult_arity") is JsonValue arityValue)
            {
                var items = r.Array(arityValue, "mult_arity", -1, "of multiplication arities");
                if (items.Count > nOut)
                {
                    throw r.Error(arityValue.Position, "'mult_arity' lists " + items.Count + " multiplication nodes but the layer has only " + nOut + " outputs");
                }

                var b = ImmutableArray.CreateBuilder<int>(items.Count);
                foreach (var item in items)
                {
                    b.Add(r.Int(item, "mult_arity", 2, 64));
                }

                multArity = b.MoveToImmutable();
            }

            int nSum = nOut - multArity.Length;
            if (r.Optional("sum") is JsonValue sumValue)
            {
                int declared = r.Int(sumValue, "sum", 0, MaxWidth);
                if (declared != nSum)
                {
                    throw r.Error(sumValue.Position, "'sum' must be " + nSum + " ('out' minus the number of multiplication nodes), found " + declared);
                }
            }

            long subLong = nSum;
            foreach (int a in multArity)
            {
                subLong += a;
            }

            if (subLong > MaxWidth)
            {
                throw r.Error(value.Position, what + " has " + subLong + " subnodes, more than " + MaxWidth);
            }

            int nSub = (int)subLong;
            string subShape = nSub == nOut ? "(one per output)" : "(one per subnode: " + nSum + " sums + " + (nSub - nSum) + " multiplication operands)";

            // Knots: [in][G + 2k + 1], all rows the same length, non-decreasing.
            JsonValue knotsValue = r.Required("knots");
            var knotRows = r.Array(knotsValue, "knots", nIn, "(one knot vector per input)");
            int knotCount = -1;
            var knots = ImmutableArray.CreateBuilder<double>();
            for (int i = 0; i < nIn; i++)
            {
                JsonValue row = knotRows[i];
                var items = r.Array(row, "knots[" + i + "]", knotCount, "(every input of a layer has the same number of knots)");
                if (knotCount < 0)
                {
                    knotCount = items.Count;
                    if (knotCount < 2 * k + 2 || knotCount > MaxKnots)
                    {
                        throw r.Error(row.Position, "'knots[" + i + "]' must hold G + 2k + 1 knots with G >= 1 (at least " + (2 * k + 2) + " for k = " + k + "), found " + knotCount);
                    }

                    knots.Capacity = nIn * knotCount;
                }

                double previous = double.NegativeInfinity;
                for (int m = 0; m < items.Count; m++)
                {
                    double t = r.Double(items[m], "knots[" + i + "][" + m + "]");
                    if (t < previous)
                    {
                        throw r.Error(items[m].Position, "knots must be non-decreasing: knots[" + i + "][" + m + "] = " + items[m].Text + " is less than the knot before it");
                    }

                    previous = t;
                    knots.Add(t);
                }
            }

            int coefCount = knotCount - k - 1;

            JsonValue coefValue = r.Required("coef");
            var coefRows = r.Array(coefValue, "coef", nIn, "(one row per input)");
            // Not pre-sized from nSub: 'out' is only a claim until the rows below prove it, and a tiny file claiming
            // a huge width must fail on its first short row, not allocate (or overflow int computing) the claimed size.
            var coef = ImmutableArray.CreateBuilder<double>();
            for (int i = 0; i < nIn; i++)
            {
                var edges = r.Array(coefRows[i], "coef[" + i + "]", nSub, subShape);
                for (int j = 0; j < nSub; j++)
                {
                    var items = r.Array(edges[j], "coef[" + i + "][" + j + "]", coefCount, "(G + k coefficients per edge)");
                    for (int m = 0; m < coefCount; m++)
                    {
                        coef.Add(r.Double(items[m], "coef[" + i + "][" + j + "][" + m + "]"));
                    }
                }
            }

            ImmutableArray<double> scaleBase = Matrix(r, "scale_base", nIn, nSub, subShape);
            ImmutableArray<double> scaleSp = Matrix(r, "scale_sp", nIn, nSub, subShape);
            ImmutableArray<double> mask = Matrix(r, "mask", nIn, nSub, subShape);

            var symbolic = ImmutableArray<SymbolicEdge>.Empty;
            if (r.Optional("symbolic") is JsonValue symValue)
            {
                var items = r.Array(symValue, "symbolic", -1, "of symbolic edges");
                var seen = new HashSet<long>();
                var b = ImmutableArray.CreateBuilder<SymbolicEdge>(items.Count);
                foreach (var item in items)
                {
                    var s = new JsonObjectReader(item, fileName, "a symbolic edge of " + what, SymbolicFields);
                    s.RejectUnknown();
                    JsonValue sIn = s.Required("in");
                    int i = s.Int(sIn, "in", 0, nIn - 1);
                    int j = s.Int(s.Required("out"), "out", 0, nSub - 1);
                    if (!seen.Add(((long)i << 32) | (uint)j))
                    {
                        throw s.Error(sIn.Position, "edge (" + i + ", " + j + ") of " + what + " has two symbolic entries");
                    }

                    JsonValue fnValue = s.Required("fn");
                    string fn = s.String(fnValue, "fn");
                    if (!SymbolicFunctions.TryGet(fn, out _))
                    {
                        throw s.Error(fnValue.Position, "unknown symbolic function '" + fn + "'; expected one of: " + SymbolicFunctions.NameList);
                    }

                    b.Add(new SymbolicEdge(
                        i,
                        j,
                        fn,
                        s.Double(s.Required("a"), "a"),
                        s.Double(s.Required("b"), "b"),
                        s.Double(s.Required("c"), "c"),
                        s.Double(s.Required("d"), "d"),
                        s.Double(s.Required("mask"), "mask")));
                }

                symbolic = b.MoveToImmutable();
            }

            ImmutableArray<double> subnodeScale = Doubles(r, r.Required("subnode_scale"), "subnode_scale", nSub, subShape);
            ImmutableArray<double> subnodeBias = Doubles(r, r.Required("subnode_bias"), "subnode_bias", nSub, subShape);
            ImmutableArray<double> nodeScale = Doubles(r, r.Required("node_scale"), "node_scale", nOut, "(one per output)");
            ImmutableArray<double> nodeBias = Doubles(r, r.Required("node_bias"), "node_bias", nOut, "(one per output)");

            return new KanLayer.Builder(new LayerTopology(nIn, nSum, multArity))
            {
                K = k,
                BaseFunction = baseFunction,
                Knots = knots.MoveToImmutable(),
                Coefficients = coef.ToImmutable(),
                ScaleBase = scaleBase,
                ScaleSpline = scaleSp,
                Mask = mask,
                Symbolic = symbolic,
                SubnodeScale = subnodeScale,
                SubnodeBias = subnodeBias,
                NodeScale = nodeScale,
                NodeBias = nodeBias,
            }.Build();
        }

        private static ImmutableArray<double> Matrix(JsonObjectReader r, string field, int rows, int cols, string colShape)
        {
            var rowItems = r.Array(r.Required(field), field, rows, "(one row per input)");
            var result = ImmutableArray.CreateBuilder<double>(rows * cols);
            for (int i = 0; i < rows; i++)
            {
                var items = r.Array(rowItems[i], field + "[" + i + "]", cols, colShape);
                for (int j = 0; j < cols; j++)
                {
                    result.Add(r.Double(items[j], field + "[" + i + "][" + j + "]"));
                }
            }

            return result.MoveToImmutable();
        }

        private static ImmutableArray<double> Doubles(JsonObjectReader r, JsonValue value, string field, int length, string shape)
        {
            var items = r.Array(value, field, length, shape);
            var result = ImmutableArray.CreateBuilder<double>(length);
            for (int i = 0; i < length; i++)
            {
                result.Add(r.Double(items[i], field + "[" + i + "]"));
            }

            return result.MoveToImmutable();
        }

        private static ImmutableArray<string> Names(JsonObjectReader r, string field)
        {
            JsonValue value = r.Required(field);
            var items = r.Array(value, field, -1, "of names");
            if (items.Count == 0 || items.Count > MaxWidth)
            {
                throw r.Error(value.Position, "'" + field + "' must name at least one column");
            }

            var seen = new HashSet<string>();
            var result = ImmutableArray.CreateBuilder<string>(items.Count);
            for (int i = 0; i < items.Count; i++)
            {
                string s = r.String(items[i], field + "[" + i + "]");
                if (s.Length == 0)
                {
                    throw r.Error(items[i].Position, "'" + field + "[" + i + "]' is empty; every column needs a name");
                }

                if (!seen.Add(s))
                {
                    throw r.Error(items[i].Position, "'" + field + "' names '" + s + "' twice");
                }

                result.Add(s);
            }

            return result.MoveToImmutable();
        }
    }
}
