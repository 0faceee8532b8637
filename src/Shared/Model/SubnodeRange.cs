// Shared source: compiled into Kan.Runtime and Kan.Generator.
using System.Collections;
using System.Collections.Generic;

namespace Kan
{
    /// <summary>
    /// Consecutive subnodes <c>[Start, Start + Count)</c>: the operands of one node (<see cref="LayerTopology.Operands"/>).
    /// Enumerates without allocating in a <c>foreach</c>; works with LINQ for text builders.
    /// </summary>
    public readonly struct SubnodeRange : IEnumerable<int>
    {
        public SubnodeRange(int start, int count)
        {
            Start = start;
            Count = count;
        }

        public int Start { get; }

        public int Count { get; }

        /// <summary>One past the last subnode.</summary>
        public int End => Start + Count;

        public Enumerator GetEnumerator() => new Enumerator(Start, End);

        IEnumerator<int> IEnumerable<int>.GetEnumerator() => GetEnumerator();

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

        public struct Enumerator : IEnumerator<int>
        {
            private readonly int _start;
            private readonly int _end;
            private int _current;

            internal Enumerator(int start, int end)
            {
                _start = start;
                _end = end;
                _current = start - 1;
            }

            public int Current => _current;

            object IEnumerator.Current => _current;

            public bool MoveNext() => ++_current < _end;

            public void Reset() => _current = _start - 1;

            public void Dispose()
            {
            }
        }
    }
}
