using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Kan.Training.Symbolic;

namespace Kan.Training.Discovery
{
    /// <summary>
    /// Automatic formula discovery: holds out a validation split, runs the <see cref="SearchPlan"/> trials
    /// (architectures, seeds, lamb) in parallel within the time limit, gathers every formula they found, prints
    /// nothing itself (progress goes to <see cref="DiscoveryOptions.Log"/>) and returns the Pareto front and the
    /// chosen model: the simplest formula within the stated tolerance of the best validation error, or the best
    /// spline model when no formula is good enough.
    /// </summary>
    public static class FormulaDiscovery
    {
        public static DiscoveryResult Run(double[,] inputs, double[] target, string[] inputNames, string targetName, DiscoveryOptions? options = null, CancellationToken cancellation = default)
        {
            DiscoveryOptions o = options ?? new DiscoveryOptions();
            var clock = Stopwatch.StartNew();
            var logLock = new object();
            void Log(string line)
            {
                if (o.Log is not null)
                {
                    lock (logLock)
                    {
                        o.Log(line);
                    }
                }
            }

            IReadOnlyList<LibraryFunction> library = SnapLibrary.Resolve(o.Library);
            DiscoveryData data = DiscoveryData.Split(inputs, target, inputNames, targetName, o.ValidationFraction, o.Seed);
            var runner = new TrialRunner(data, library, Log);
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
            deadline.CancelAfter(o.TimeLimit);
            var outcomes = new List<TrialOutcome>();
            bool timedOut = false;
            double exact = o.ToleranceFloor * data.TargetStd;
            IReadOnlyList<IReadOnlyList<TrialSpec>> stages = SearchPlan.Stages(data.InputCount, o.Seed);
            var guesses = new List<FormulaCandidate>();
            try
            {
                if (data.InputCount > 1 && runner.Monomial(deadline.Token) is { } monomial)
                {
                    guesses.Add(monomial);
                }
            }
            catch (OperationCanceledException) when (!cancellation.IsCancellationRequested)
            {
                Log("monomial guess: stopped by the time limit");
            }

            bool exactGuess = guesses.Any(f => f.ValidationRmse <= exact);
            if (exactGuess)
            {
                Log("the monomial guess is exact; no network is trained");
            }

            for (int s = 0; s < stages.Count && !timedOut && !exactGuess; s++)
            {
                IReadOnlyList<TrialSpec> stage = stages[s];
                Log("stage " + (s + 1) + "/" + stages.Count + ": " + stage.Count + " trial(s): " + string.Join("; ", stage));
                var results = new TrialOutcome?[stage.Count];
                Parallel.For(0, stage.Count, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, o.MaxParallelTrials) }, k =>
                {
                    if (deadline.IsCancellationRequested)
                    {
                        return;
                    }

                    try
                    {
                        results[k] = runner.Run(stage[k], deadline.Token);
                    }
                    catch (OperationCanceledException)
                    {
                        Log(stage[k] + ": stopped by the time limit");
                    }
                });

                cancellation.ThrowIfCancellationRequested();
                timedOut = deadline.IsCancellationRequested;
                outcomes.AddRange(results.Where(r => r is not null)!);
                if (outcomes.Any(r => r.Formulas.Any(f => f.ValidationRmse <= exact)))
                {
                    Log("an exact formula was found; later stages skipped");
                    break;
                }
            }

            if (outcomes.Count == 0 && !exactGuess)
            {
                throw new TimeoutException("The time limit (" + o.TimeLimit.TotalSeconds + " s) ended the search before any trial finished; allow more time.");
            }

            return Choose(outcomes, guesses, data, o, timedOut, clock.Elapsed.TotalSeconds);
        }

        private static DiscoveryResult Choose(List<TrialOutcome> outcomes, List<FormulaCandidate> guesses, DiscoveryData data, DiscoveryOptions o, bool timedOut, double seconds)
        {
            List<FormulaCandidate> formulas = guesses.Concat(outcomes.SelectMany(r => r.Formulas)).ToList();
            TrialOutcome? bestSpline = outcomes.OrderBy(r => r.SplineRmse).FirstOrDefault();
            double best = Math.Min(bestSpline?.SplineRmse ?? double.PositiveInfinity, formulas.Count == 0 ? double.PositiveInfinity : formulas.Min(f => f.ValidationRmse));
            double tolerance = o.ToleranceFactor * best + o.ToleranceFloor * data.TargetStd;
            FormulaCandidate? chosen = formulas
                .Where(f => f.ValidationRmse <= tolerance)
                .OrderBy(f => f.Complexity).ThenBy(f => f.ValidationRmse)
                .FirstOrDefault();
            var front = new List<FormulaCandidate>();
            foreach (FormulaCandidate f in formulas.OrderBy(f => f.Complexity).ThenBy(f => f.ValidationRmse))
            {
                if (front.Count == 0 || f.ValidationRmse < front[front.Count - 1].ValidationRmse)
                {
                    front.Add(f);
                }
            }

            // Without trials (an exact monomial guess) the guess is within tolerance of itself, so chosen is set.
            KanNetwork model = chosen?.Network ?? bestSpline!.SplineModel;
            double modelRmse = chosen?.ValidationRmse ?? bestSpline!.SplineRmse;
            return new DiscoveryResult(front, chosen, model, modelRmse, tolerance, timedOut, seconds);
        }
    }
}
