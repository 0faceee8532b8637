using System;
using System.Linq;
using System.Threading;
using Kan.Training.Compute;
using Kan.Training.Optimizers;

namespace Kan.Training
{
    public sealed partial class KanNetwork
    {
        /// <summary>
        /// pykan <c>MultKAN.fit</c>: per step, sample a batch, update the grid every
        /// <c>stop_grid_update_step / grid_update_num</c> steps before <c>stop_grid_update_step</c>, take one optimizer
        /// step on <c>mse + lamb * reg</c> (the regulariser only when lamb &gt; 0), then measure the test loss.
        /// The symbolic branch (and its affine parameters) takes part exactly when some symbolic mask is on; with
        /// <see cref="FitOptions.SingularityAvoiding"/> its edges use the singularity-safe variants in the train and
        /// the test loss (pykan measures its test loss with the plain functions, but it records a non-finite loss
        /// where this fit stops).
        /// A NaN/infinite loss restores the parameters from before the step and throws <see cref="TrainingDivergedException"/>.
        /// </summary>
        public FitHistory Fit(Dataset dataset, FitOptions? options = null, IProgress<FitProgress>? progress = null, CancellationToken cancellationToken = default)
        {
            FitOptions o = options ?? new FitOptions();
            if (dataset.InputCount != CallerInputCount || dataset.OutputCount != OutputCount)
            {
                throw new ArgumentException("The dataset has " + dataset.InputCount + " inputs and " + dataset.OutputCount + " outputs; the network expects " + CallerInputCount + " and " + OutputCount + ".");
            }

            if (o.Optimizer is not (Optimizer.Lbfgs or Optimizer.Adam))
            {
                throw new ArgumentException("FitOptions.Optimizer must be Optimizer.Lbfgs or Optimizer.Adam, not " + (int)o.Optimizer + ".");
            }

            if (o.MaxDegreeOfParallelism == 0 || o.MaxDegreeOfParallelism < -1)
            {
                throw new ArgumentOutOfRangeException(nameof(options), o.MaxDegreeOfParallelism, "MaxDegreeOfParallelism must be -1 (all cores) or a positive thread count.");
            }

            if (!(o.YTh > 0) || double.IsInfinity(o.YTh))
            {
                throw new ArgumentOutOfRangeException(nameof(options), o.YTh, "FitOptions.YTh (pykan's y_th, the singularity threshold) must be a positive finite number, not " + o.YTh.ToString(System.Globalization.CultureInfo.InvariantCulture) + ".");
            }

            bool lbfgs = o.Optimizer == Optimizer.Lbfgs;

            int trainRows = dataset.TrainInputs.GetLength(0), testRows = dataset.TestInputs.GetLength(0);
            bool fullBatch = o.Batch == -1 || o.Batch > trainRows;
            int batch = fullBatch ? trainRows : o.Batch;
            int batchTest = fullBatch ? testRows : Math.Min(o.Batch, testRows);
            int gridUpdateFreq = Math.Max(1, o.StopGridUpdateStep / Math.Max(1, o.GridUpdateNum));

            bool symbolic = SymbolicActive;
            var weights = new RegularizerWeights(o.LambL1, o.LambEntropy, o.LambCoef, o.LambCoefDiff);
            var compute = new ComputeOptions(o.MaxDegreeOfParallelism);
            double? yTh = o.SingularityAvoiding ? o.YTh : null;
            var train = new TrainingObjective(this, symbolic, o.Lamb, weights, compute, yTh);
            var test = new TrainingObjective(this, symbolic, 0.0, weights, compute, yTh);
            double[] trainX = Flatten(dataset.TrainInputs), trainY = Flatten(dataset.TrainLabels);
            double[] testX = Flatten(dataset.TestInputs), testY = Flatten(dataset.TestLabels);
            var random = new Random(o.Seed);
            var parameters = new ParameterSet(this, symbolic);
            var theta = new double[parameters.Count];
            var function = new ObjectiveFunction(train, parameters);
            var lbfgsOptimizer = new Lbfgs { LearningRate = o.LearningRate };
            var adam = new Adam(o.LearningRate);
            var history = new FitHistory();
            var gridUpdate = new Grid.GridFromSamples(compute);
            // Grid and coefficients as they were before the current step, to restore on divergence.
            NetworkLayer[] saved = _layers.Select(layer => layer.Clone()).ToArray();

            if (fullBatch)
            {
                // Once for the whole fit: setting a batch drops the objective's first-layer basis, which stays valid
                // for the same rows until a grid update moves the knots.
                train.SetBatch(trainX, trainY, trainRows);
                test.SetBatch(testX, testY, testRows);
            }

            for (int step = 0; step < o.Steps; step++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (!fullBatch)
                {
                    SetRandomBatch(train, trainX, trainY, trainRows, batch, random);
                    SetRandomBatch(test, testX, testY, testRows, batchTest, random);
                }

                for (int l = 0; l < LayerCount; l++)
                {
                    saved[l].CopyFrom(_layers[l]);
                }

                if (step % gridUpdateFreq == 0 && step < o.StopGridUpdateStep && o.UpdateGrid && step >= o.StartGridUpdateStep)
                {
                    // pykan's update_grid runs the plain forward even with singularity_avoiding, and so takes NaN
                    // grids from a snapped log or sqrt outside its domain; the grid here follows the forward that is trained.
                    gridUpdate.Update(this, train.Inputs, train.Rows, train.YTh);
                }

                parameters.Read(theta);
                if (lbfgs)
                {
                    lbfgsOptimizer.Step(function, theta);
                }
                else
                {
                    var grad = new double[theta.Length];
                    function.Evaluate(theta, grad);
                    adam.Step(theta, grad);
                }

                parameters.Write(theta);
                double trainLoss = train.LastLoss;
                double reg = train.LastReg;
                double testLoss = test.Evaluate(gradient: false);
                history.Evaluations = train.Evaluations + test.Evaluations;
                if (!IsFinite(trainLoss) || !IsFinite(testLoss) || !AllFinite(theta))
                {
                    for (int l = 0; l < LayerCount; l++)
                    {
                        _layers[l].CopyFrom(saved[l]);
                    }

                    throw new TrainingDivergedException(step, trainLoss, testLoss, history, o.Optimizer);
                }

                double trainRmse = Math.Sqrt(trainLoss), testRmse = Math.Sqrt(testLoss);
                history.TrainRmse.Add(trainRmse);
                history.TestRmse.Add(testRmse);
                history.Reg.Add(reg);
                progress?.Report(new FitProgress(step + 1, o.Steps, trainRmse, testRmse, reg));
            }

            return history;
        }

        /// <summary>pykan's <c>np.random.choice(n, batch, replace=False)</c>: a partial Fisher-Yates draw.</summary>
        private static void SetRandomBatch(TrainingObjective objective, double[] x, double[] y, int rows, int batch, Random random)
        {
            int nx = x.Length / rows, ny = y.Length / rows;
            var order = new int[rows];
            for (int i = 0; i < rows; i++)
            {
                order[i] = i;
            }

            var bx = new double[batch * nx];
            var by = new double[batch * ny];
            for (int i = 0; i < batch; i++)
            {
                int j = i + random.Next(rows - i);
                (order[i], order[j]) = (order[j], order[i]);
                Array.Copy(x, order[i] * nx, bx, i * nx, nx);
                Array.Copy(y, order[i] * ny, by, i * ny, ny);
            }

            objective.SetBatch(bx, by, batch);
        }

        private static bool IsFinite(double v) => !double.IsNaN(v) && !double.IsInfinity(v);

        private static bool AllFinite(double[] v)
        {
            foreach (double x in v)
            {
                if (!IsFinite(x))
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>The fit closure over the flat parameter vector.</summary>
        private sealed class ObjectiveFunction : IDifferentiableFunction
        {
            private readonly TrainingObjective _objective;
            private readonly ParameterSet _parameters;

            public ObjectiveFunction(TrainingObjective objective, ParameterSet parameters)
            {
                _objective = objective;
                _parameters = parameters;
            }

            public double Evaluate(double[] x, double[] gradient)
            {
                _parameters.Write(x);
                double value = _objective.Evaluate(gradient: true);
                _parameters.ReadGradient(_objective.Gradients, gradient);
                return value;
            }
        }
    }
}
