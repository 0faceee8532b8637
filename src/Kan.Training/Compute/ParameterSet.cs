using System;
using System.Collections.Generic;

namespace Kan.Training.Compute
{
    /// <summary>
    /// The trainable parameters as one flat vector, in pykan's <c>parameters()</c> spirit: coefficients always,
    /// scale_base / scale_sp when sb/sp trainable, the symbolic affine (a, b, c, d) when the symbolic branch is on,
    /// node and subnode affines when affine_trainable. Gathers from and scatters to the network's own arrays.
    /// LBFGS copies the vector in and the gradient out at every evaluation, so the array lists are built once (and
    /// again only when the network's layers or the gradient arrays are other objects).
    /// </summary>
    internal sealed class ParameterSet
    {
        private readonly KanNetwork _net;
        private readonly bool _symbolic;
        private NetworkLayer[] _layers = Array.Empty<NetworkLayer>();
        private double[][] _params = Array.Empty<double[]>();
        private LayerGradients[]? _gradSource;
        private LayerGradients[] _gradLayers = Array.Empty<LayerGradients>();
        private double[][] _grads = Array.Empty<double[]>();

        public ParameterSet(KanNetwork net, bool symbolic)
        {
            _net = net;
            _symbolic = symbolic;
            int n = 0;
            foreach (double[] p in Params())
            {
                n += p.Length;
            }

            Count = n;
        }

        public int Count { get; }

        public void Read(double[] x)
        {
            int o = 0;
            foreach (double[] p in Params())
            {
                Array.Copy(p, 0, x, o, p.Length);
                o += p.Length;
            }
        }

        public void Write(double[] x)
        {
            int o = 0;
            foreach (double[] p in Params())
            {
                Array.Copy(x, o, p, 0, p.Length);
                o += p.Length;
            }
        }

        public void ReadGradient(LayerGradients[] grads, double[] g)
        {
            int o = 0;
            foreach (double[] gp in Grads(grads))
            {
                Array.Copy(gp, 0, g, o, gp.Length);
                o += gp.Length;
            }
        }

        private double[][] Params()
        {
            if (!SameLayers())
            {
                _layers = new NetworkLayer[_net.LayerCount];
                for (int l = 0; l < _layers.Length; l++)
                {
                    _layers[l] = _net.Layers[l];
                }

                _params = Array.ConvertAll(Slots(), s => Of(_layers[s.Layer].Arrays, s.Kind));
            }

            return _params;
        }

        private double[][] Grads(LayerGradients[] grads)
        {
            if (!ReferenceEquals(grads, _gradSource) || !SameElements(grads, _gradLayers))
            {
                _gradSource = grads;
                _gradLayers = (LayerGradients[])grads.Clone();
                _grads = Array.ConvertAll(Slots(), s => Of(grads[s.Layer], s.Kind));
            }

            return _grads;
        }

        private bool SameLayers()
        {
            if (_layers.Length != _net.LayerCount)
            {
                return false;
            }

            for (int l = 0; l < _layers.Length; l++)
            {
                if (!ReferenceEquals(_layers[l], _net.Layers[l]))
                {
                    return false;
                }
            }

            return true;
        }

        private static bool SameElements(LayerGradients[] a, LayerGradients[] b)
        {
            if (a.Length != b.Length)
            {
                return false;
            }

            for (int l = 0; l < a.Length; l++)
            {
                if (!ReferenceEquals(a[l], b[l]))
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>The trained arrays in vector order, as (layer, kind).</summary>
        private (int Layer, Kind Kind)[] Slots()
        {
            KanNetworkOptions o = _net.Options;
            var slots = new List<(int, Kind)>();
            for (int l = 0; l < _net.LayerCount; l++)
            {
                slots.Add((l, Kind.Coefficients));
                if (o.ScaleBaseTrainable)
                {
                    slots.Add((l, Kind.ScaleBase));
                }

                if (o.ScaleSplineTrainable)
                {
                    slots.Add((l, Kind.ScaleSpline));
                }

                if (_symbolic)
                {
                    slots.Add((l, Kind.SymbolicA));
                    slots.Add((l, Kind.SymbolicB));
                    slots.Add((l, Kind.SymbolicC));
                    slots.Add((l, Kind.SymbolicD));
                }

                if (o.AffineTrainable)
                {
                    slots.Add((l, Kind.NodeBias));
                    slots.Add((l, Kind.NodeScale));
                    slots.Add((l, Kind.SubnodeBias));
                    slots.Add((l, Kind.SubnodeScale));
                }
            }

            return slots.ToArray();
        }

        private static double[] Of(LayerArrays a, Kind kind) => kind switch
        {
            Kind.Coefficients => a.Coefficients,
            Kind.ScaleBase => a.ScaleBase,
            Kind.ScaleSpline => a.ScaleSpline,
            Kind.SymbolicA => a.SymbolicA,
            Kind.SymbolicB => a.SymbolicB,
            Kind.SymbolicC => a.SymbolicC,
            Kind.SymbolicD => a.SymbolicD,
            Kind.NodeBias => a.NodeBias,
            Kind.NodeScale => a.NodeScale,
            Kind.SubnodeBias => a.SubnodeBias,
            _ => a.SubnodeScale,
        };

        private static double[] Of(LayerGradients g, Kind kind) => kind switch
        {
            Kind.Coefficients => g.Coefficients,
            Kind.ScaleBase => g.ScaleBase,
            Kind.ScaleSpline => g.ScaleSpline,
            Kind.SymbolicA => g.SymbolicA,
            Kind.SymbolicB => g.SymbolicB,
            Kind.SymbolicC => g.SymbolicC,
            Kind.SymbolicD => g.SymbolicD,
            Kind.NodeBias => g.NodeBias,
            Kind.NodeScale => g.NodeScale,
            Kind.SubnodeBias => g.SubnodeBias,
            _ => g.SubnodeScale,
        };

        private enum Kind
        {
            Coefficients,
            ScaleBase,
            ScaleSpline,
            SymbolicA,
            SymbolicB,
            SymbolicC,
            SymbolicD,
            NodeBias,
            NodeScale,
            SubnodeBias,
            SubnodeScale,
        }
    }
}
