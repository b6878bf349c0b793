using System.Diagnostics;

namespace Streaming.Worker.State;

/// <summary>
/// When the periodic snapshot's turns come: every interval a round of the partitions owned when it starts, then the
/// model, one turn at a time, spaced evenly so that the round fills the interval (a round saved at once paused the
/// model thread for every series of every partition). Not thread-safe: the model thread's <see cref="PartitionStateKeeper"/> owns it.
/// </summary>
internal sealed class SnapshotRound(TimeSpan interval)
{
    private readonly Queue<int> _partitionsDue = new();
    private long _lastRound = Stopwatch.GetTimestamp();
    private bool _modelDue;
    private TimeSpan _spacing;
    private long _lastTurn;

    /// <summary>
    /// Whether a turn is due now. With no round under way, one starts once the interval has passed since the last:
    /// <paramref name="partitions"/> (read only then) and, if <paramref name="includeModel"/>, the model.
    /// </summary>
    public bool TurnDue(IEnumerable<int> partitions, bool includeModel)
    {
        if (_partitionsDue.Count > 0 || _modelDue)
        {
            return _lastTurn == 0 || Stopwatch.GetElapsedTime(_lastTurn) >= _spacing;
        }

        if (Stopwatch.GetElapsedTime(_lastRound) < interval)
        {
            return false;
        }

        _lastRound = Stopwatch.GetTimestamp();
        foreach (var partition in partitions)
        {
            _partitionsDue.Enqueue(partition);
        }

        _modelDue = includeModel;
        _spacing = interval / Math.Max(1, _partitionsDue.Count + (_modelDue ? 1 : 0));
        _lastTurn = 0;
        return true;
    }

    /// <summary>Takes the next partition of the round, if any is left.</summary>
    public bool TryNextPartition(out int partition) => _partitionsDue.TryDequeue(out partition);

    /// <summary>Takes the model's turn, once the round's partitions are taken: true once per round that includes the model.</summary>
    public bool TakeModel()
    {
        var due = _modelDue;
        _modelDue = false;
        return due;
    }

    /// <summary>A turn is over (a partition's last chunk or the model went out): the next waits its spacing.</summary>
    public void TurnTaken() => _lastTurn = Stopwatch.GetTimestamp();

    /// <summary>Drops the round under way (everything was just saved at once); the next starts an interval from now.</summary>
    public void Restart()
    {
        _lastRound = Stopwatch.GetTimestamp();
        _partitionsDue.Clear();
        _modelDue = false;
    }
}
