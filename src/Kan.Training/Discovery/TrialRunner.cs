using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;
using Kan.Formulas;
using Kan.Training.Symbolic;

namespace Kan.Training.Discovery
{
    /// <summary>
    /// One trial: train with sparsification (lamb), prune and retrain (kept only if the validation error allows),
    /// climb the grid staircase 3 -> 10 -> 20 while validation improves, snap with guard rails, retrain the symbolic
    /// network and read its formula. Deterministic for a given spec and data.
    /// </summary>
    internal sealed class TrialRunner
    {
        private const int InitialGrid = 3;
        private static readonly int[] Staircase = { 10, 20 };
        private const int FitSteps = 30;
        private const int FinalSteps = 50;

        /// <summary>A refinement must cut the validation RMSE at least this much to be kept (early stopping).</summary>
        private const double RequiredGain = 0.9;

        /// <summary>Pruning is kept when the retrained pruned network is at most this much worse.</summary>
        private const double PruneAllowance = 2.0;

        /// <summary>Rounding the printed constants may cost at most this much validation RMSE (relative to std(y)).</summary>
        private const double RoundingSlack = 1e-8;

        /// <summary>pykan's <c>prune_edge</c> threshold.</summary>
        private const double EdgeThreshold = 3e-2;

        private readonly DiscoveryData _data;
        private readonly IReadOnlyList<LibraryFunction> _library;
        private readonly Action<string> _log;

        public TrialRunner(DiscoveryData data, IReadOnlyList<LibraryFunction> library, Action<string> log)
        {
            _data = data;
            _library = library;
            _log = log;
        }

        public TrialOutcome Run(TrialSpec spec, CancellationToken cancellation)
        {
            Dataset ds = _data.Dataset;
            var net = new KanNetwork(spec.Widths, new KanNetworkOptions { Grid = InitialGrid, Seed = spec.Seed, MultArity = spec.MultArity });
            net.InputNames = (string[])ds.InputNames.Clone();
            net.OutputNames = (string[])ds.OutputNames.Clone();
            net.SetInputNormalization(_data.InputScale, _data.InputBias);
            StartProductsAtOne(net);
            if (spec.Separable)
            {
                MaskToDiagonal(net);
            }

            if (spec.LinearOutput)
            {
                FixLastLayerLinear(net);
            }

            Fit(net, spec.Lamb, cancellation);
            double rmse = _data.ValidationRmse(net);
            if (spec.CanPrune)
            {
                KanNetwork? pruned = TryPrune(net, cancellation);
                if (pruned is not null)
                {
                    double prunedRmse = _data.ValidationRmse(pruned);
                    if (spec.Lamb > 0 || prunedRmse <= PruneAllowance * rmse + GuardedSnapping.AbsoluteSlack)
                    {
                        net = pruned;
                        rmse = prunedRmse;
                    }
                }
            }
            else if (spec.Lamb > 0)
            {
                Fit(net, 0.0, cancellation);
                rmse = _data.ValidationRmse(net);
            }

            KanNetwork folded = ConstantFoldingPrune.PruneEdges(net, ds.TrainInputs, EdgeThreshold, out int masked);
            if (masked > 0)
            {
                Fit(folded, 0.0, cancellation);
                double foldedRmse = _data.ValidationRmse(folded);
                if (foldedRmse <= PruneAllowance * rmse + GuardedSnapping.AbsoluteSlack)
                {
                    net = folded;
                    rmse = foldedRmse;
                }
            }

            foreach (int grid in Staircase)
            {
                KanNetwork refined = net.Refine(grid, ds.TrainInputs);
                Fit(refined, 0.0, cancellation);
                double refinedRmse = _data.ValidationRmse(refined);
                if (!(refinedRmse < RequiredGain * rmse))
                {
                    break;
                }

                net = refined;
                rmse = refinedRmse;
            }

            _log(spec + ": spline model, validation RMSE " + Format(rmse * _data.TargetStd) + ", shape " + Shape(net));
            var snapping = new GuardedSnapping(_data, _library, _log, cancellation);
            var formulas = new List<FormulaCandidate>();
            KanNetwork guarded = snapping.Snap(net, out int splineEdges);
            if (splineEdges == 0)
            {
                AddFormula(formulas, snapping, guarded, spec + " (guarded)");
            }
            else
            {
                _log(spec + ": " + splineEdges + " edge(s) fit no library function well enough for the guarded pass");
            }

            KanNetwork? all = snapping.SnapAll(net);
            if (all is not null)
            {
                AddFormula(formulas, snapping, all, spec + " (all at once)");
            }

            return new TrialOutcome(spec, _data.ToCallerUnits(net), rmse * _data.TargetStd, formulas);
        }

        /// <summary>
        /// The log-space monomial guess (<see cref="MonomialFit"/>), retrained and read like a trial's formula; null
        /// when the data is no monomial or the retrained guess has no finite formula.
        /// </summary>
        public FormulaCandidate? Monomial(CancellationToken cancellation)
        {
            var fit = MonomialFit.Fit(_data.Dataset.TrainInputs, _data.TrainTarget, _library);
            if (fit is null)
            {
                return null;
            }

            var snapping = new GuardedSnapping(_data, _library, _log, cancellation);
            var formulas = new List<FormulaCandidate>();
            AddFormula(formulas, snapping, MonomialFit.Build(fit.Value, _data), "monomial (log-space least squares)");
            return formulas.Count == 0 ? null : formulas[0];
        }

        /// <summary>Retrains a fully snapped network and reads its formula (skipped when the retrain diverges).</summary>
        private void AddFormula(List<FormulaCandidate> formulas, GuardedSnapping snapping, KanNetwork snapped, string trial)
        {
            KanNetwork? final = snapping.Retrained(snapped, FinalSteps, "in the final symbolic retrain of " + trial);
            if (final is null)
            {
                return;
            }

            KanNetwork caller = _data.ToCallerUnits(final);
            var (expr, text, rmse) = FormulaReading.Read(caller, _data.Dataset.TestInputs, _data.ValidationTarget, RoundingSlack * _data.TargetStd);
            if (double.IsInfinity(rmse))
            {
                return;
            }

            var formula = new FormulaCandidate(text, FormulaReading.Complexity(expr), rmse, caller, trial);
            formulas.Add(formula);
            _log(formula.Trial + ": formula " + formula);
        }

        /// <summary>
        /// Multiplication operands start near 1 instead of near 0: a product of k freshly initialised sums is
        /// O(0.1^k) with gradients as small, and training a product of three such operands stalls.
        /// </summary>
        private static void StartProductsAtOne(KanNetwork net)
        {
            foreach (NetworkLayer layer in net.Layers)
            {
                for (int j = layer.SumCount; j < layer.SubnodeCount; j++)
                {
                    layer.Arrays.SubnodeBias[j] = 1.0;
                }
            }
        }

        /// <summary>Every last-layer edge becomes the symbolic identity <c>c*(a*x+b)+d</c> (see <see cref="TrialSpec.LinearOutput"/>).</summary>
        private static void FixLastLayerLinear(KanNetwork net)
        {
            int l = net.LayerCount - 1;
            NetworkLayer layer = net.Layers[l];
            for (int i = 0; i < layer.InputCount; i++)
            {
                for (int j = 0; j < layer.SubnodeCount; j++)
                {
                    net.SetSymbolic(l, i, j, "x", 1.0, 0.0, 1.0, 0.0);
                    net.SetMode(l, i, j, "s");
                }
            }
        }

        /// <summary>Keeps only the edges (i, i) of every layer but the last (<see cref="TrialSpec.Separable"/>).</summary>
        private static void MaskToDiagonal(KanNetwork net)
        {
            for (int l = 0; l + 1 < net.LayerCount; l++)
            {
                NetworkLayer layer = net.Layers[l];
                for (int i = 0; i < layer.InputCount; i++)
                {
                    for (int j = 0; j < layer.SubnodeCount; j++)
                    {
                        if (i != j)
                        {
                            layer.Arrays.Mask[layer.EdgeIndex(i, j)] = 0.0;
                        }
                    }
                }
            }
        }

        private KanNetwork? TryPrune(KanNetwork net, CancellationToken cancellation)
        {
            KanNetwork pruned;
            try
            {
                pruned = net.Prune(_data.Dataset);
            }
            catch (InvalidOperationException)
            {
                return null;
            }

            Fit(pruned, 0.0, cancellation);
            return pruned;
        }

        private void Fit(KanNetwork net, double lamb, CancellationToken cancellation)
        {
            try
            {
                net.Fit(_data.Dataset, new FitOptions { Steps = FitSteps, Lamb = lamb }, cancellationToken: cancellation);
            }
            catch (TrainingDivergedException)
            {
                // The network keeps the parameters from before the failing step: carry on from there.
            }
        }

        private static string Shape(KanNetwork net) =>
            "[" + net.Layers[0].InputCount + "," + string.Join(",", net.Layers.Select(l => l.MultArity.Length == 0 ? l.OutputCount.ToString(CultureInfo.InvariantCulture) : "[" + l.SumCount + "," + l.MultArity.Length + "]")) + "]";

        private static string Format(double v) => v.ToString("G3", CultureInfo.InvariantCulture);
    }
}
