using System.Collections.Generic;
using System.Linq;
using Kan.Format;
using Kan.Format.Json;
using Kan.Symbolic;

namespace Kan.Interop.Pykan
{
    /// <summary>
    /// pykan's model configuration, as its <c>saveckpt</c> writes it to <c>_config.yml</c> and tools/export_pykan.py
    /// copies it into the dump's <c>config</c>: read from either through one <see cref="JsonObjectReader"/> (YAML is
    /// converted by <see cref="YamlTree"/>), so both formats map to the model in one place.
    /// </summary>
    internal sealed class PykanConfig
    {
        private readonly JsonObjectReader _config;

        private PykanConfig(JsonObjectReader config, int[] nSum, int[] nMult, int[][] arity, int[] k, BaseFunction baseFunction, bool symbolicEnabled)
        {
            _config = config;
            SumCounts = nSum;
            MultCounts = nMult;
            MultArity = arity;
            K = k;
            BaseFunction = baseFunction;
            SymbolicEnabled = symbolicEnabled;
        }

        /// <summary>Sum nodes per layer of nodes (pykan's <c>width[l][0]</c>).</summary>
        public IReadOnlyList<int> SumCounts { get; }

        /// <summary>Multiplication nodes per layer of nodes (pykan's <c>width[l][1]</c>).</summary>
        public IReadOnlyList<int> MultCounts { get; }

        /// <summary>Per layer of nodes, the arity of each multiplication node.</summary>
        public IReadOnlyList<int[]> MultArity { get; }

        /// <summary>Spline order per layer of edges.</summary>
        public IReadOnlyList<int> K { get; }

        public BaseFunction BaseFunction { get; }

        public bool SymbolicEnabled { get; }

        public int Depth => SumCounts.Count - 1;

        public static PykanConfig Read(JsonObjectReader config)
        {
            bool symbolicEnabled = config.Optional("symbolic_enabled") is not JsonValue se || se.Kind == JsonKind.True;

            // After prune_input pykan holds the module itself; its YAML dump names the class (see YamlTree).
            JsonValue baseValue = config.Required("base_fun_name");
            string baseName = config.String(baseValue, "base_fun_name") switch
            {
                "torch.nn.modules.activation.SiLU" => "silu",
                "torch.nn.modules.linear.Identity" => "identity",
                string name => name,
            };
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

            int depth = widthItems.Count - 1;
            int[] k = PerLayer(config, "k", depth, 1, KanFileParser.MaxOrder);
            if (symbolicEnabled)
            {
                for (int l = 0; l < depth; l++)
                {
                    config.Required("symbolic.funs_name." + l); // pykan writes every layer's names; a missing one is a damaged file
                }
            }

            return new PykanConfig(config, nSum, nMult, MultArityOf(config, nMult), k, baseFunction, symbolicEnabled);
        }

        /// <summary>
        /// The symbolic function on edge (input <paramref name="i"/> -> subnode <paramref name="j"/>) of layer
        /// <paramref name="l"/>, from <c>symbolic.funs_name.&lt;l&gt;</c> (<c>[out][in]</c>); an unknown name is a located error.
        /// </summary>
        public string SymbolicFunction(int l, int j, int i, int nSub, int nIn)
        {
            string field = "symbolic.funs_name." + l;
            var rows = _config.Array(_config.Required(field), field, nSub, "([out][in] function names)");
            var names = _config.Array(rows[j], field + "[" + j + "]", nIn, "([out][in] function names)");
            string fn = _config.String(names[i], field);
            if (!SymbolicFunctions.TryGet(fn, out _))
            {
                throw _config.Error(names[i].Position, "unknown symbolic function '" + fn + "'; expected one of: " + SymbolicFunctions.NameList);
            }

            return fn;
        }

        /// <summary>pykan's <c>grid</c> and <c>k</c>: one number for every layer, or a list with one per layer.</summary>
        private static int[] PerLayer(JsonObjectReader config, string field, int depth, int min, int max)
        {
            JsonValue value = config.Required(field);
            if (value.Kind == JsonKind.Array)
            {
                var items = config.Array(value, field, depth, "(one per layer)");
                return items.Select(v => config.Int(v, field, min, max)).ToArray();
            }

            return Enumerable.Repeat(config.Int(value, field, min, max), depth).ToArray();
        }

        /// <summary>pykan's <c>mult_arity</c>: one integer for every node, or a list per layer of per-node arities.</summary>
        private static int[][] MultArityOf(JsonObjectReader config, int[] nMult)
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
    }
}
