// Shared source: compiled into Kan.Runtime and Kan.Generator.
using System.Collections.Generic;
using System.Collections.Immutable;

namespace Kan
{
    /// <summary>
    /// Structural equality for the immutable arrays inside models. The generator's incremental pipeline
    /// caches on model equality, so two reads of the same file must compare equal.
    /// </summary>
    internal static class SequenceEquality
    {
        public static bool Equal<T>(ImmutableArray<T> a, ImmutableArray<T> b)
        {
            if (a.IsDefault || b.IsDefault)
            {
                return a.IsDefault == b.IsDefault;
            }

            if (a.Length != b.Length)
            {
                return false;
            }

            var comparer = EqualityComparer<T>.Default;
            for (int i = 0; i < a.Length; i++)
            {
                if (!comparer.Equals(a[i], b[i]))
                {
                    return false;
                }
            }

            return true;
        }

        public static int Hash<T>(ImmutableArray<T> a)
        {
            if (a.IsDefault)
            {
                return 0;
            }

            int h = a.Length;
            int step = a.Length > 16 ? a.Length / 16 : 1;
            for (int i = 0; i < a.Length; i += step)
            {
                h = (h * 31) ^ (a[i]?.GetHashCode() ?? 0);
            }

            return h;
        }
    }
}
