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

                layers.Add(new KanLayer(
                    layer.InputCount,
                    layer.K,
                    layer.BaseFunction,
                    layer.Knots.ToImmutableArray(),
                    layer.Coefficients.ToImmutableArray(),
                    layer.ScaleBase.ToImmutableArray(),
                    layer.ScaleSpline.ToImmutableArray(),
                    layer.Mask.ToImmutableArray(),
                    symbolic.ToImmutable(),
                    layer.SubnodeScale.ToImmutableArray(),
                    layer.SubnodeBias.ToImmutableArray(),
                    layer.SumCount,
                    layer.MultArity.ToImmutableArray(),
                    layer.NodeScale.ToImmutableArray(),
                    layer.NodeBias.ToImmutableArray()));
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
                var layer = new NetworkLayer(src.InputCount, src.SumCount, src.MultArity.ToArray(), src.K, src.GridIntervals, src.BaseFunction);
                src.Knots.CopyTo(layer.Knots);
                src.Coefficients.CopyTo(layer.Coefficients);
                src.ScaleBase.CopyTo(layer.ScaleBase);
                src.ScaleSpline.CopyTo(layer.ScaleSpline);
                src.Mask.CopyTo(layer.Mask);
                src.SubnodeScale.CopyTo(layer.SubnodeScale);
                src.SubnodeBias.CopyTo(layer.SubnodeBias);
                src.NodeScale.CopyTo(layer.NodeScale);
                src.NodeBias.CopyTo(layer.NodeBias);
                foreach (SymbolicEdge s in src.Symbolic)
                {
                    int e = layer.EdgeIndex(s.Input, s.Output);
                    layer.SetSymbolicFunction(e, Kan.Symbolic.SymbolicFunctions.Get(s.Function));
                    layer.SymbolicA[e] = s.A;
                    layer.SymbolicB[e] = s.B;
                    layer.SymbolicC[e] = s.C;
                    layer.SymbolicD[e] = s.D;
                    layer.SymbolicMask[e] = s.Mask;
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
