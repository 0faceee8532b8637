using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Kan.Evaluation;
using Kan.Symbolic;

namespace Kan.Formulas
{
    /// <summary>
    /// Builds, per output, the expression tree of exactly what <see cref="KanEvaluator"/> computes (pykan's
    /// <c>MultKAN.symbolic_formula</c>, but read from the immutable model): input normalisation, <c>InputIds</c>,
    /// every symbolic edge <c>mask*(c*f(a*x+b)+d)</c>, the numeric branch of edges that still have one (as an opaque
    /// <see cref="SplineExpr"/>), subnode affines, multiplication nodes and node affines. The tree is not simplified.
    /// </summary>
    public static class FormulaExtractor
    {
        public static ImmutableArray<Expr> Extract(KanModel model)
        {
            var evaluator = new KanEvaluator(model);
            var current = new Expr[model.Layers[0].InputCount];
            for (int i = 0; i < current.Length; i++)
            {
                int c = model.InputColumn(i);
                Expr x = Expr.Variable(c, model.InputNames[c]);
                current[i] = model.HasInputNormalization ? Expr.Affine(model.InputScale[c], x, model.InputBias[c]) : x;
            }

            for (int l = 0; l < model.Layers.Length; l++)
            {
                current = Layer(model.Layers[l], l, current, evaluator);
            }

            return ImmutableArray.Create(current);
        }

        private static Expr[] Layer(KanLayer layer, int l, Expr[] inputs, KanEvaluator evaluator)
        {
            var sub = new List<Expr>[layer.SubnodeCount];
            for (int j = 0; j < sub.Length; j++)
            {
                sub[j] = new List<Expr>();
            }

            for (int i = 0; i < layer.InputCount; i++)
            {
                for (int j = 0; j < layer.SubnodeCount; j++)
                {
                    if (HasNumericBranch(layer, i, j))
                    {
                        int li = l, ii = i, jj = j;
                        sub[j].Add(new SplineExpr(l, i, j, inputs[i], x => evaluator.EvaluateEdge(li, ii, jj, x).Numeric));
                    }
                }
            }

            foreach (SymbolicEdge s in layer.Symbolic)
            {
                if (s.Mask == 0.0)
                {
                    continue;
                }

                Expr call = Expr.Call(SymbolicFunctions.Get(s.Function), Expr.Affine(s.A, inputs[s.Input], s.B));
                sub[s.Output].Add(Expr.Multiply(Expr.Constant(s.Mask), Expr.Affine(s.C, call, s.D)));
            }

            var subnodes = new Expr[layer.SubnodeCount];
            for (int j = 0; j < subnodes.Length; j++)
            {
                Expr sum = sub[j].Count == 0 ? Expr.Constant(0.0) : Expr.Add(sub[j].ToArray());
                subnodes[j] = Expr.Affine(layer.SubnodeScale[j], sum, layer.SubnodeBias[j]);
            }

            // A sum node's product has one factor, which Expr.Multiply returns as it is.
            var outputs = new Expr[layer.OutputCount];
            for (int n = 0; n < outputs.Length; n++)
            {
                Expr[] factors = layer.Topology.Operands(n).Select(j => subnodes[j]).ToArray();
                outputs[n] = Expr.Affine(layer.NodeScale[n], Expr.Multiply(factors), layer.NodeBias[n]);
            }

            return outputs;
        }

        /// <summary>
        /// An edge's numeric branch counts unless masked off or identically zero (no base and no spline), which is
        /// what pykan's <c>fix_symbolic</c> leaves behind (it zeroes the numeric mask).
        /// </summary>
        private static bool HasNumericBranch(KanLayer layer, int i, int j)
        {
            int e = layer.EdgeIndex(i, j);
            if (layer.Mask[e] == 0.0)
            {
                return false;
            }

            bool hasBase = layer.ScaleBase[e] != 0.0 && layer.BaseFunction != BaseFunction.Zero;
            bool hasSpline = false;
            if (layer.ScaleSpline[e] != 0.0)
            {
                int start = layer.CoefficientOffset(i, j);
                for (int m = 0; m < layer.CoefficientCount && !hasSpline; m++)
                {
                    hasSpline = layer.Coefficients[start + m] != 0.0;
                }
            }

            return hasBase || hasSpline;
        }
    }
}
