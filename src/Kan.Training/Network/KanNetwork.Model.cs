using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;

namespace Kan.Training
{
    public sealed partial class KanNetwork
    {
        /// <summary>
        /// The immutable model (what a <c>.kan</c> file holds). Symbolic edges are written only where the symbolic
        /// mask is non-zero; elsewhere the branch contributes nothing.
        /// </summary>
        public KanModel ToModel()
        {
            var layers = ImmutableArray.CreateBuilder<KanLayer>(_layers.Count);
            foreach (NetworkLayer layer in _layers)
            {
                var symbolic = ImmutableArray.CreateBuilder<SymbolicEdge>();
                for (int i = 0; i < layer.InputCount; i++)
                {
                    for (int j = 0; j < layer.SubnodeCount; j++)
                    {
                        int e = layer.EdgeIndex(i, j);
                        if (layer.SymbolicMask[e] != 0.0)
                        {
                            symbolic.Add(new SymbolicEdge(i, j, layer.SymbolicNames[e], layer.SymbolicA[e], layer.SymbolicB[e], layer.SymbolicC[e], layer.SymbolicD[e], layer.SymbolicMask[e]));
                        }
                    }
                }

                layers.Add(new KanLayer.Builder(layer.Topology)
                {
                    K = layer.K,
                    BaseFunction = layer.BaseFunction,
                    Knots = layer.Knots.ToImmutableArray(),
                    Coefficients = layer.Coefficients.ToImmutableArray(),
                    ScaleBase = layer.ScaleBase.ToImmutableArray(),
                    ScaleSpline = layer.ScaleSpline.ToImmutableArray(),
                    Mask = layer.Mask.ToImmutableArray(),
                    Symbolic = symbolic.ToImmutable(),
                    SubnodeScale = layer.SubnodeScale.ToImmutableArray(),
                    SubnodeBias = layer.SubnodeBias.ToImmutableArray(),
                    NodeScale = layer.NodeScale.ToImmutableArray(),
                    NodeBias = layer.NodeBias.ToImmutableArray(),
                }.Build());
            }

            bool identity = InputIds.Length == InputNames.Length && InputIds.Select((id, i) => id == i).All(x => x);
            return new KanModel(
                InputNames.ToImmutableArray(),
                OutputNames.ToImmutableArray(),
                identity ? ImmutableArray<int>.Empty : InputIds.ToImmutableArray(),
                layers.MoveToImmutable(),
                Metadata.ToImmutableArray(),
                Name,
                InputScale is null ? default : InputScale.ToImmutableArray(),
                InputBias is null ? default : InputBias.ToImmutableArray(),
                Generator);
        }

        /// <summary>
        /// A network holding exactly <paramref name="model"/>'s parameters, to continue training a loaded model.
        /// Training flags come from <paramref name="options"/> (pykan defaults when null); grid and k are read per layer.
        /// </summary>
        public static KanNetwork FromModel(KanModel model, KanNetworkOptions? options = null)
        {
            if (model is null)
            {
                throw new ArgumentNullException(nameof(model));
            }

            var opts = (options ?? new KanNetworkOptions()).Clone();
            opts.Grid = model.Layers[0].GridIntervals;
            opts.K = model.Layers[0].K;
            opts.BaseFunction = model.Layers[0].BaseFunction;
            var layers = new List<NetworkLayer>();
            foreach (KanLayer src in model.Layers)
            {
                var layer = new NetworkLayer(src.Topology, src.K, src.GridIntervals, src.BaseFunction);
                src.Knots.CopyTo(layer.Arrays.Knots);
                src.Coefficients.CopyTo(layer.Arrays.Coefficients);
                src.ScaleBase.CopyTo(layer.Arrays.ScaleBase);
                src.ScaleSpline.CopyTo(layer.Arrays.ScaleSpline);
                src.Mask.CopyTo(layer.Arrays.Mask);
                src.SubnodeScale.CopyTo(layer.Arrays.SubnodeScale);
                src.SubnodeBias.CopyTo(layer.Arrays.SubnodeBias);
                src.NodeScale.CopyTo(layer.Arrays.NodeScale);
                src.NodeBias.CopyTo(layer.Arrays.NodeBias);
                foreach (SymbolicEdge s in src.Symbolic)
                {
                    int e = layer.EdgeIndex(s.Input, s.Output);
                    layer.SetSymbolicFunction(e, Kan.Symbolic.SymbolicFunctions.Get(s.Function));
                    layer.Arrays.SymbolicA[e] = s.A;
                    layer.Arrays.SymbolicB[e] = s.B;
                    layer.Arrays.SymbolicC[e] = s.C;
                    layer.Arrays.SymbolicD[e] = s.D;
                    layer.Arrays.SymbolicMask[e] = s.Mask;
                }

                layers.Add(layer);
            }

            int[] ids = Enumerable.Range(0, model.Layers[0].InputCount).Select(model.InputColumn).ToArray();
            var net = new KanNetwork(layers, opts, model.InputNames.ToArray(), model.OutputNames.ToArray(), ids)
            {
                Name = model.Name,
                Generator = model.Generator,
            };
            if (model.HasInputNormalization)
            {
                net.SetInputNormalization(model.InputScale.ToArray(), model.InputBias.ToArray());
            }

            net.Metadata.AddRange(model.Metadata);
            return net;
        }
    }
}
