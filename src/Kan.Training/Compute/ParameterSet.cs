using System;
using System.Collections.Generic;

namespace Kan.Training.Compute
{
    /// <summary>
    /// The trainable parameters as one flat vector, in pykan's <c>parameters()</c> spirit: coefficients always,
    /// scale_base / scale_sp when sb/sp trainable, the symbolic affine (a, b, c, d) when the symbolic branch is on,
    /// node and subnode affines when affine_trainable. Gathers from and scatters to the network's own arrays.
    /// </summary>
    internal sealed class ParameterSet
    {
        private readonly KanNetwork _net;
        private readonly bool _symbolic;

        public ParameterSet(KanNetwork net, bool symbolic)
        {
            _net = net;
            _symbolic = symbolic;
            int n = 0;
            foreach (var (p, _) in Pairs(null))
            {
                n += p.Length;
            }

            Count = n;
        }

        public int Count { get; }

        public void Read(double[] x)
        {
            int o = 0;
            foreach (var (p, _) in Pairs(null))
            {
                Array.Copy(p, 0, x, o, p.Length);
                o += p.Length;
            }
        }

        public void Write(double[] x)
        {
            int o = 0;
            foreach (var (p, _) in Pairs(null))
            {
                Array.Copy(x, o, p, 0, p.Length);
                o += p.Length;
            }
        }

        public void ReadGradient(LayerGradients[] grads, double[] g)
        {
            int o = 0;
            foreach (var (p, gp) in Pairs(grads))
            {
                Array.Copy(gp!, 0, g, o, p.Length);
                o += p.Length;
            }
        }

        private IEnumerable<(double[] Param, double[]? Grad)> Pairs(LayerGradients[]? grads)
        {
            KanNetworkOptions o = _net.Options;
            for (int l = 0; l < _net.LayerCount; l++)
            {
                NetworkLayer layer = _net.Layers[l];
                LayerGradients? g = grads?[l];
                yield return (layer.Arrays.Coefficients, g?.Coefficients);
                if (o.ScaleBaseTrainable)
                {
                    yield return (layer.Arrays.ScaleBase, g?.ScaleBase);
                }

                if (o.ScaleSplineTrainable)
                {
                    yield return (layer.Arrays.ScaleSpline, g?.ScaleSpline);
                }

                if (_symbolic)
                {
                    yield return (layer.Arrays.SymbolicA, g?.SymbolicA);
                    yield return (layer.Arrays.SymbolicB, g?.SymbolicB);
                    yield return (layer.Arrays.SymbolicC, g?.SymbolicC);
                    yield return (layer.Arrays.SymbolicD, g?.SymbolicD);
                }

                if (o.AffineTrainable)
                {
                    yield return (layer.Arrays.NodeBias, g?.NodeBias);
                    yield return (layer.Arrays.NodeScale, g?.NodeScale);
                    yield return (layer.Arrays.SubnodeBias, g?.SubnodeBias);
                    yield return (layer.Arrays.SubnodeScale, g?.SubnodeScale);
                }
            }
        }
    }
}
