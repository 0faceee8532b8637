using System;
using System.Collections.Generic;

namespace Kan.Training.Discovery
{
    /// <summary>Settings of <see cref="FormulaDiscovery.Run"/>; the defaults are what <c>kan discover</c> uses.</summary>
    public sealed class DiscoveryOptions
    {
        /// <summary>Seeds the validation split and every network; the same seed gives the same result.</summary>
        public int Seed { get; set; }

        /// <summary>
        /// Wall-clock budget. The search plan is fixed, so the result does not depend on the machine's speed unless
        /// the budget runs out; trials not finished by then are dropped and <see cref="DiscoveryResult.TimedOut"/> says so.
        /// </summary>
        public TimeSpan TimeLimit { get; set; } = TimeSpan.FromMinutes(5);

        /// <summary>The symbolic functions edges may snap to; null is <see cref="SnapLibrary.DefaultNames"/>.</summary>
        public IReadOnlyList<string>? Library { get; set; }

        /// <summary>Share of the rows held out to judge every choice (never trained on).</summary>
        public double ValidationFraction { get; set; } = 0.2;

        /// <summary>Trials run at once; defaults to every core.</summary>
        public int MaxParallelTrials { get; set; } = Environment.ProcessorCount;

        /// <summary>
        /// The chosen formula is the simplest whose validation RMSE is at most
        /// <c>ToleranceFactor * best + ToleranceFloor * std(y)</c>, best being the lowest validation RMSE of any candidate.
        /// </summary>
        public double ToleranceFactor { get; set; } = 2.0;

        /// <inheritdoc cref="ToleranceFactor"/>
        public double ToleranceFloor { get; set; } = 1e-7;

        /// <summary>Progress lines (one per stage and trial); called from several threads, one line at a time.</summary>
        public Action<string>? Log { get; set; }
    }
}
