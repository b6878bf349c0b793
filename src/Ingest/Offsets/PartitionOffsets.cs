namespace Streaming.Ingest.Offsets;

/// <summary>
/// Offsets of one partition that were begun but are not yet part of the committed prefix, in begin (= increasing)
/// order, each with a finished flag. A growable ring: steady state allocates nothing. Not thread-safe; the
/// <see cref="OffsetTracker"/> lock guards it.
/// </summary>
internal sealed class PartitionOffsets
{
    private long[] _offsets = new long[64];
    private bool[] _done = new bool[64];
    private int _head;
    private int _count;
    private long _lastBegun = -1;

    /// <summary>The last offset begun, -1 before the first.</summary>
    public long LastBegun => _lastBegun;

    /// <summary>The lowest begun offset not finished yet (the ring's head is never a finished one), null when none is.</summary>
    public long? FirstUnfinished => _count == 0 ? null : _offsets[_head];

    /// <summary>Begun offsets not yet finished.</summary>
    public int Unfinished { get; private set; }

    public void Begin(long offset)
    {
        if (offset <= _lastBegun)
        {
            throw new ArgumentOutOfRangeException(
                nameof(offset), offset, $"Offsets must increase per partition; last begun was {_lastBegun}. Forget the partition before seeking back.");
        }

        if (_count == _offsets.Length)
        {
            Grow();
        }

        int slot = Physical(_count);
        _offsets[slot] = offset;
        _done[slot] = false;
        _count++;
        _lastBegun = offset;
        Unfinished++;
    }

    /// <summary>
    /// Marks <paramref name="offset"/> finished. Returns true, with the offset to commit, when the finished prefix
    /// advanced. Unknown or already finished offsets (duplicate callbacks) change nothing.
    /// </summary>
    public bool Complete(long offset, out long commitOffset)
    {
        commitOffset = 0;
        int index = Find(offset);
        if (index < 0 || _done[Physical(index)])
        {
            return false;
        }

        _done[Physical(index)] = true;
        Unfinished--;
        if (index != 0)
        {
            return false;
        }

        // The head finished: pop it and every finished offset behind it; commit the one after the last popped.
        long last = offset;
        while (_count > 0 && _done[_head])
        {
            last = _offsets[_head];
            _head = _head + 1 == _offsets.Length ? 0 : _head + 1;
            _count--;
        }

        commitOffset = last + 1;
        return true;
    }

    private int Physical(int index)
    {
        int slot = _head + index;
        return slot < _offsets.Length ? slot : slot - _offsets.Length;
    }

    // Binary search over logical positions: offsets are strictly increasing in begin order.
    private int Find(long offset)
    {
        int lo = 0, hi = _count - 1;
        while (lo <= hi)
        {
            int mid = lo + ((hi - lo) >> 1);
            long candidate = _offsets[Physical(mid)];
            if (candidate == offset)
            {
                return mid;
            }

            if (candidate < offset)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid - 1;
            }
        }

        return -1;
    }

    private void Grow()
    {
        var offsets = new long[_offsets.Length * 2];
        var done = new bool[_offsets.Length * 2];
        for (int i = 0; i < _count; i++)
        {
            int slot = Physical(i);
            offsets[i] = _offsets[slot];
            done[i] = _done[slot];
        }

        _offsets = offsets;
        _done = done;
        _head = 0;
    }
}
