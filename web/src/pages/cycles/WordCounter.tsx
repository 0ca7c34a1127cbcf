/** "42 / 60 words", turning to an error when over the limit; tied to its box by id. */
export function WordCounter({ id, count, limit }: { id: string; count: number; limit: number }) {
  const over = count > limit;
  return (
    <p id={id} className={over ? 'counter counter--over' : 'counter'} data-testid="word-counter">
      <span>
        {count} / {limit} words
      </span>
      {over ? <span className="counter__note"> · {count - limit} over the limit: shorten it to submit</span> : null}
    </p>
  );
}
