using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using Kan.Format;
using Kan.Interop.Pykan;
using Kan.Interop.Torch;

namespace Kan.Interop
{
    /// <summary>
    /// Writes a <see cref="KanModel"/> as the checkpoint pykan's <c>saveckpt(PREFIX)</c> writes (targeting pykan
    /// 0.2.8's <c>MultKAN</c>): <c>PREFIX_config.yml</c>, <c>PREFIX_state</c> (a torch zip of float64 tensors) and
    /// <c>PREFIX_cache_data</c> (<c>None</c>), so <c>KAN.loadckpt(PREFIX)</c> continues from the model in Python.
    /// </summary>
    public static class PykanExporter
    {
        /// <summary>The pykan release whose <c>loadckpt</c> the files are written for.</summary>
        public const string TargetPykanVersion = "0.2.8";

        /// <summary>Writes the three files (each atomically); returns their paths.</summary>
        public static ImmutableArray<string> Write(KanModel model, string prefix)
        {
            Check(model);
            string stem = Path.GetFileName(prefix);
            string config = prefix + PykanCheckpoint.ConfigSuffix;
            string state = prefix + PykanCheckpoint.StateSuffix;
            string cache = prefix + PykanCheckpoint.CacheSuffix;
            AtomicFile.Write(config, s =>
            {
                byte[] text = new UTF8Encoding(false).GetBytes(ConfigYaml(model));
                s.Write(text, 0, text.Length);
            });
            AtomicFile.Write(state, s => TorchWriter.WriteStateDict(s, stem + PykanCheckpoint.StateSuffix, StateDict(model)));
            AtomicFile.Write(cache, s => TorchWriter.WriteNone(s, stem + PykanCheckpoint.CacheSuffix));
            return ImmutableArray.Create(config, state, cache);
        }

        /// <summary>pykan's state dict for <paramref name="model"/>: the keys and shapes of <c>MultKAN.state_dict()</c>.</summary>
        public static IReadOnlyList<KeyValuePair<string, TorchTensor>> StateDict(KanModel model)
        {
            var affines = new List<KeyValuePair<string, TorchTensor>>();
            var splines = new List<KeyValuePair<string, TorchTensor>>();
            var symbolic = new List<KeyValuePair<string, TorchTensor>>();
            for (int l = 0; l < model.Layers.Length; l++)
            {
                KanLayer layer = model.Layers[l];
                int nIn = layer.InputCount;
                int nSub = layer.SubnodeCount;
                affines.Add(Tensor("node_bias_" + l, layer.NodeBias, layer.OutputCount));
                affines.Add(Tensor("node_scale_" + l, layer.NodeScale, layer.OutputCount));
                affines.Add(Tensor("subnode_bias_" + l, layer.SubnodeBias, nSub));
                affines.Add(Tensor("subnode_scale_" + l, layer.SubnodeScale, nSub));
                splines.Add(Tensor("act_fun." + l + ".grid", layer.Knots, nIn, layer.KnotCount));
                splines.Add(Tensor("act_fun." + l + ".coef", layer.Coefficients, nIn, nSub, layer.CoefficientCount));
                splines.Add(Tensor("act_fun." + l + ".mask", layer.Mask, nIn, nSub));
                splines.Add(Tensor("act_fun." + l + ".scale_base", layer.ScaleBase, nIn, nSub));
                splines.Add(Tensor("act_fun." + l + ".scale_sp", layer.ScaleSpline, nIn, nSub));

                // pykan's symbolic layer is [out, in]; an edge without a function has mask 0 and affine [1, 0, 1, 0].
                var mask = new double[nSub * nIn];
                var affine = new double[nSub * nIn * 4];
                for (int e = 0; e < nSub * nIn; e++)
                {
                    affine[e * 4] = 1;
                    affine[(e * 4) + 2] = 1;
                }

                foreach (SymbolicEdge edge in layer.Symbolic)
                {
                    int e = (edge.Output * nIn) + edge.Input;
                    mask[e] = edge.Mask;
                    affine[e * 4] = edge.A;
                    affine[(e * 4) + 1] = edge.B;
                    affine[(e * 4) + 2] = edge.C;
                    affine[(e * 4) + 3] = edge.D;
                }

                symbolic.Add(Tensor("symbolic_fun." + l + ".mask", mask.ToImmutableArray(), nSub, nIn));
                symbolic.Add(Tensor("symbolic_fun." + l + ".affine", affine.ToImmutableArray(), nSub, nIn, 4));
            }

            // MultKAN registers its per-layer affines first, then act_fun, then symbolic_fun.
            return affines.Concat(splines).Concat(symbolic).ToList();
        }

        /// <summary>The <c>_config.yml</c> text pykan's <c>loadckpt</c> reads with <c>yaml.safe_load</c>.</summary>
        public static string ConfigYaml(KanModel model)
        {
            var layers = model.Layers;
            var yaml = new StringBuilder();
            void Line(string text) => yaml.Append(text).Append('\n');

            Line("affine_trainable: false");
            Line("auto_save: false");
            Line("base_fun_name: " + BaseFunctions.Name(layers[0].BaseFunction));
            Line("ckpt_path: ./model");
            Line("device: cpu");
            Line("grid: " + PerLayer(layers.Select(l => l.GridIntervals)));
            Line("grid_eps: 0.02");
            Line("grid_range:\n- -1\n- 1");
            Line("k: " + PerLayer(layers.Select(l => l.K)));
            Line("mult_arity: " + MultArity(model));
            Line("round: 0");
            Line("sb_trainable: true");
            Line("sp_trainable: true");
            Line("state_id: 0");
            for (int l = 0; l < layers.Length; l++)
            {
                Line("symbolic.funs_name." + l + ":");
                var names = new string[layers[l].SubnodeCount, layers[l].InputCount];
                foreach (SymbolicEdge edge in layers[l].Symbolic)
                {
                    names[edge.Output, edge.Input] = edge.Function;
                }

                for (int j = 0; j < layers[l].SubnodeCount; j++)
                {
                    for (int i = 0; i < layers[l].InputCount; i++)
                    {
                        Line((i == 0 ? "- - " : "  - ") + Quote(names[j, i] ?? "0"));
                    }
                }
            }

            Line("symbolic_enabled: true");
            Line("width:");
            Line("- - " + layers[0].InputCount.ToString(CultureInfo.InvariantCulture) + "\n  - 0");
            foreach (KanLayer layer in layers)
            {
                Line("- - " + layer.SumCount.ToString(CultureInfo.InvariantCulture) + "\n  - " + layer.MultArity.Length.ToString(CultureInfo.InvariantCulture));
            }

            return yaml.ToString();
        }

        private static void Check(KanModel model)
        {
            string? problem =
                !model.InputScale.IsEmpty ? "it normalises its inputs (input_scale/input_bias), which a pykan model cannot do" :
                !model.InputIds.IsEmpty ? "it reads selected input columns (input_ids), which a pykan checkpoint does not store" :
                model.Layers.Any(l => l.BaseFunction != model.Layers[0].BaseFunction) ? "its layers use different base functions; pykan has one base_fun" :
                model.Layers.Any(l => l.InputCount == 0) ? "a layer has no inputs" :
                null;
            if (problem is not null)
            {
                throw new ArgumentException("cannot export to pykan: " + problem);
            }
        }

        private static KeyValuePair<string, TorchTensor> Tensor(string name, ImmutableArray<double> values, params int[] shape) =>
            new(name, new TorchTensor(TorchDType.Float64, shape.ToImmutableArray(), values));

        /// <summary>One number when every layer agrees (as pykan writes it), else a flow list with one per layer.</summary>
        private static string PerLayer(IEnumerable<int> values)
        {
            var list = values.ToList();
            return list.Distinct().Count() == 1
                ? list[0].ToString(CultureInfo.InvariantCulture)
                : "[" + string.Join(", ", list.Select(v => v.ToString(CultureInfo.InvariantCulture))) + "]";
        }

        /// <summary>pykan's <c>mult_arity</c>: one integer when all multiplication nodes agree, else a list per layer of nodes.</summary>
        private static string MultArity(KanModel model)
        {
            var all = model.Layers.SelectMany(l => l.MultArity).Distinct().ToList();
            if (all.Count <= 1)
            {
                return (all.Count == 0 ? 2 : all[0]).ToString(CultureInfo.InvariantCulture);
            }

            var perNodeLayer = new[] { "[]" }.Concat(model.Layers.Select(l => "[" + string.Join(", ", l.MultArity) + "]"));
            return "[" + string.Join(", ", perNodeLayer) + "]";
        }

        private static string Quote(string text) => "'" + text.Replace("'", "''") + "'";
    }
}
