using System;

namespace Kan.Training.Compute
{
    /// <summary>
    /// pykan's fit closure: <c>mean((pred - y)^2) + lamb * reg</c> on one batch, with the regulariser computed only
    /// when lamb &gt; 0 (pykan turns save_act off, and so the regulariser, when lamb == 0). Evaluation returns the
    /// objective and leaves its gradient in <see cref="Gradients"/>.
    /// </summary>
    internal sealed class TrainingObjective
    {
        private readonly KanNetwork _net;
        private BatchPass? _pass;
        private double[][]? _extraEdge;
        private double[][]? _extraInput;
        private LayerGradients[]? _grads;

        public TrainingObjective(KanNetwork net, bool symbolic, double lamb, RegularizerWeights weights)
        {
            _net = net;
            Symbolic = symbolic;
            Lamb = lamb;
            Weights = weights;
        }

        public bool Symbolic { get; }

        public double Lamb { get; }

        public RegularizerWeights Weights { get; }

        public double[] Inputs { get; private set; } = Array.Empty<double>();

        public double[] Labels { get; private set; } = Array.Empty<double>();

        public int Rows { get; private set; }

        /// <summary>MSE of the last evaluation (pykan's global <c>train_loss</c>).</summary>
        public double LastLoss { get; private set; }

        /// <summary>Regulariser of the last evaluation (pykan's global <c>reg_</c>; 0 when lamb == 0).</summary>
        public double LastReg { get; private set; }

        public LayerGradients[] Gradients => _grads!;

        public BatchPass Pass => _pass!;

        public void SetBatch(double[] inputs, double[] labels, int rows)
        {
            Inputs = inputs;
            Labels = labels;
            Rows = rows;
        }

        /// <summary>Evaluations since start (all objectives), for benchmarks.</summary>
        internal static int EvaluationCount;

        public double Evaluate(bool gradient)
        {
            System.Threading.Interlocked.Increment(ref EvaluationCount);
            if (_pass is null || !_pass.Fits(_net, Rows))
            {
                _pass = new BatchPass(_net, Rows);
                _grads = _pass.NewGradients();
                _extraEdge = null;
            }

            BatchPass pass = _pass;
            pass.Forward(Inputs, Symbolic, gradient);
            int nOut = _net.OutputCount;
            double[] output = pass.Output;
            int count = Rows * nOut;
            var dOut = gradient ? new double[count] : null;
            double sse = 0.0;
            for (int q = 0; q < count; q++)
            {
                double d = output[q] - Labels[q];
                sse += d * d;
                if (dOut is not null)
                {
                    dOut[q] = 2.0 * d / count;
                }
            }

            double loss = sse / count;
            double reg = 0.0;
            bool withReg = Lamb > 0.0;
            if (withReg)
            {
                if (gradient && (_extraEdge is null || _extraEdge[0].Length != pass.Layers[0].Numeric.Length))
                {
                    _extraEdge = new double[_net.LayerCount][];
                    _extraInput = new double[_net.LayerCount][];
                    for (int l = 0; l < _net.LayerCount; l++)
                    {
                        _extraEdge[l] = new double[pass.Layers[l].Numeric.Length];
                        _extraInput[l] = new double[pass.Layers[l].X.Length];
                    }
                }

                reg = Regularizer.Compute(_net, pass, Weights, Lamb, gradient ? _extraEdge : null, gradient ? _extraInput : null, null);
            }

            if (gradient)
            {
                pass.Backward(dOut!, withReg ? _extraEdge : null, withReg ? _extraInput : null, _grads!);
                if (withReg)
                {
                    for (int l = 0; l < _net.LayerCount; l++)
                    {
                        Regularizer.CoefficientTerms(_net.Layers[l], Weights, Lamb, _grads![l]);
                    }
                }
            }

            LastLoss = loss;
            LastReg = reg;
            return loss + Lamb * reg;
        }
    }
}
