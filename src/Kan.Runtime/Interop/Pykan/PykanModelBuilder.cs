using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Kan.Symbolic;

namespace Kan.Interop.Pykan
{
    /// <summary>
    /// The one mapping from pykan's parameters to a <see cref="KanModel"/>: a <see cref="PykanConfig"/> plus its
    /// state dict (from a JSON dump or a torch checkpoint, looked up through <c>tensor(name, shape)</c> with -1 for
    /// any size) become layers that compute exactly what pykan's <c>model(x)</c> computes.
    /// </summary>
    internal static class PykanModelBuilder
    {
        public static KanModel Build(
            PykanConfig config,
            Func<string, int[], ImmutableArray<double>> tensor,
            ImmutableArray<int> inputIds,
            int originalInputs,
            ImmutableArray<KeyValuePair<string, string>> metadata,
            Func<string, Exception> error)
        {
            int depth = config.Depth;
            var layers = ImmutableArray.CreateBuilder<KanLayer>(depth);
            for (int l = 0; l < depth; l++)
            {
                layers.Add(Layer(config, tensor, l, error));
            }

            bool identity = inputIds.IsDefaultOrEmpty || (inputIds.Length == originalInputs && inputIds.Select((v, i) => v == i).All(b => b));
            var inputNames = Enumerable.Range(1, originalInputs).Select(i => "x" + i).ToImmutableArray();
            int outputs = config.SumCounts[depth] + config.MultCounts[depth];
            var outputNames = Enumerable.Range(1, outputs).Select(i => "y" + i).ToImmutableArray();
            try
            {
                return new KanModel(inputNames, outputNames, identity ? ImmutableArray<int>.Empty : inputIds, layers.MoveToImmutable(), metadata);
            }
            catch (ArgumentException e)
            {
                throw error(e.Message);
            }
        }

        private static KanLayer Layer(PykanConfig config, Func<string, int[], ImmutableArray<double>> tensor, int l, Func<string, Exception> error)
        {
            int nIn = config.SumCounts[l] + config.MultCounts[l];
            int nOut = config.SumCounts[l + 1] + config.MultCounts[l + 1];
            int nSub = config.SumCounts[l + 1] + config.MultArity[l + 1].Sum();
            int k = config.K[l];

            var grid = ImportChecks.Knots(tensor("act_fun." + l + ".grid", new[] { nIn, -1 }), nIn, "act_fun." + l + ".grid", error);
            int knotCount = nIn == 0 ? 2 * k + 2 : grid.Length / nIn;
            if (knotCount < 2 * k + 2)
            {
                throw error("'act_fun." + l + ".grid' has " + knotCount + " knots per input; k = " + k + " needs at least " + (2 * k + 2));
            }

            var coef = tensor("act_fun." + l + ".coef", new[] { nIn, nSub, knotCount - k - 1 });
            var symMask = tensor("symbolic_fun." + l + ".mask", new[] { nSub, nIn });
            var affine = tensor("symbolic_fun." + l + ".affine", new[] { nSub, nIn, 4 });

            var symbolic = ImmutableArray.CreateBuilder<SymbolicEdge>();
            if (config.SymbolicEnabled)
            {
                for (int j = 0; j < nSub; j++)
                {
                    for (int i = 0; i < nIn; i++)
                    {
                        double m = symMask[j * nIn + i];
                        if (m == 0.0)
                        {
                            continue; // a masked symbolic branch adds nothing
                        }

                        int a = (j * nIn + i) * 4;
                        string fn = config.SymbolicFunction(l, j, i, nSub, nIn);
                        symbolic.Add(new SymbolicEdge(i, j, fn, affine[a], affine[a + 1], affine[a + 2], affine[a + 3], m));
                    }
                }
            }

            try
            {
                return NewLayer(config, tensor, l, nIn, nOut, nSub, k, grid, coef, symbolic.ToImmutable());
            }
            catch (ArgumentException e)
            {
                throw error("layer " + l + ": " + e.Message);
            }
        }

        private static KanLayer NewLayer(
            PykanConfig config,
            Func<string, int[], ImmutableArray<double>> tensor,
            int l,
            int nIn,
            int nOut,
            int nSub,
            int k,
            ImmutableArray<double> grid,
            ImmutableArray<double> coef,
            ImmutableArray<SymbolicEdge> symbolic)
        {
            return new KanLayer.Builder(new LayerTopology(nIn, config.SumCounts[l + 1], config.MultArity[l + 1].ToImmutableArray()))
            {
                K = k,
                BaseFunction = config.BaseFunction,
                Knots = grid,
                Coefficients = coef,
                ScaleBase = tensor("act_fun." + l + ".scale_base", new[] { nIn, nSub }),
                ScaleSpline = tensor("act_fun." + l + ".scale_sp", new[] { nIn, nSub }),
                Mask = tensor("act_fun." + l + ".mask", new[] { nIn, nSub }),
                Symbolic = symbolic,
                SubnodeScale = tensor("subnode_scale_" + l, new[] { nSub }),
                SubnodeBias = tensor("subnode_bias_" + l, new[] { nSub }),
                NodeScale = tensor("node_scale_" + l, new[] { nOut }),
                NodeBias = tensor("node_bias_" + l, new[] { nOut }),
            }.Build();
        }
    }
}
