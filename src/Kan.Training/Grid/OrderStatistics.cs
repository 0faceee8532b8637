using System;

namespace Kan.Training.Grid
{
    /// <summary>
    /// The values a few ranks of a sorted copy would hold (pykan's grid update reads G+1 entries of
    /// <c>torch.sort(x)</c>), found by partitioning only the ranges that hold a requested rank: O(n log ranks)
    /// instead of a full sort. The values are those <see cref="Array.Sort(Array)"/> puts at the ranks: without NaN
    /// and without zeros, equal doubles are the same bits, so any correct selection gives the sort's values; with
    /// NaN (sorted first) or a zero (-0.0 and +0.0 compare equal, and which one lands where is the sort's own
    /// business) the values come from a full <see cref="Array.Sort(Array)"/>.
    /// </summary>
    internal static class OrderStatistics
    {
        // Below this many values a range is finished by insertion sort.
        private const int SmallRange = 16;

        /// <summary>
        /// Writes to <paramref name="result"/>[j] the value at rank <paramref name="ranks"/>[j] (ascending, each in
        /// [0, values.Length)) of <paramref name="values"/> sorted; <paramref name="values"/> is reordered.
        /// </summary>
        public static void Pick(double[] values, ReadOnlySpan<int> ranks, Span<double> result)
        {
            if (NeedsFullSort(values))
            {
                Array.Sort(values);
            }
            else
            {
                Select(values, 0, values.Length - 1, ranks, 2 * (int)Math.Log2(values.Length + 1));
            }

            for (int j = 0; j < ranks.Length; j++)
            {
                result[j] = values[ranks[j]];
            }
        }

        private static bool NeedsFullSort(double[] values)
        {
            foreach (double v in values)
            {
                if (v == 0.0 || double.IsNaN(v))
                {
                    return true;
                }
            }

            return values.Length == 0;
        }

        /// <summary>Puts the values of <paramref name="ranks"/> (all in [lo, hi]) at their sorted positions.</summary>
        private static void Select(double[] a, int lo, int hi, ReadOnlySpan<int> ranks, int depth)
        {
            while (ranks.Length > 0)
            {
                if (hi - lo < SmallRange)
                {
                    InsertionSort(a, lo, hi);
                    return;
                }

                if (depth-- == 0)
                {
                    // Pathological pivots: sort the range (without zeros or NaN the sort's values are the same).
                    Array.Sort(a, lo, hi - lo + 1);
                    return;
                }

                // Lomuto partition around the median of three, moved to hi; branch-free (every element is
                // swapped, the boundary moves by the comparison), since on sample data the comparisons are coin flips.
                int mid = lo + ((hi - lo) >> 1);
                int p = MedianOfThree(a, lo, mid, hi);
                (a[p], a[hi]) = (a[hi], a[p]);
                double pivot = a[hi];
                int store = lo;
                for (int e = lo; e < hi; e++)
                {
                    double v = a[e];
                    a[e] = a[store];
                    a[store] = v;
                    store += v < pivot ? 1 : 0;
                }

                (a[store], a[hi]) = (a[hi], a[store]);
                int j = store - 1, i = store + 1;
                // Now [lo, j] < pivot, a[store] == pivot, [i, hi] >= pivot.
                int left = 0;
                while (left < ranks.Length && ranks[left] <= j)
                {
                    left++;
                }

                int right = left;
                while (right < ranks.Length && ranks[right] < i)
                {
                    right++;
                }

                ReadOnlySpan<int> leftRanks = ranks.Slice(0, left), rightRanks = ranks.Slice(right);
                if (j - lo < hi - i)
                {
                    Select(a, lo, j, leftRanks, depth);
                    lo = i;
                    ranks = rightRanks;
                }
                else
                {
                    Select(a, i, hi, rightRanks, depth);
                    hi = j;
                    ranks = leftRanks;
                }
            }
        }

        private static int MedianOfThree(double[] a, int x, int y, int z) =>
            a[x] < a[y] ? (a[y] < a[z] ? y : (a[x] < a[z] ? z : x)) : (a[x] < a[z] ? x : (a[y] < a[z] ? z : y));

        private static void InsertionSort(double[] a, int lo, int hi)
        {
            for (int i = lo + 1; i <= hi; i++)
            {
                double v = a[i];
                int j = i - 1;
                while (j >= lo && a[j] > v)
                {
                    a[j + 1] = a[j];
                    j--;
                }

                a[j + 1] = v;
            }
        }
    }
}
