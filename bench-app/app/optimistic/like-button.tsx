'use client';

/** What every transport shows: the like as the user sees it now, and the last version the server confirmed. */
export function LikeButton(props: { liked: boolean; savedVersion: number; onToggle: () => void }) {
  return (
    <>
      <button type="button" aria-label="like" aria-pressed={props.liked} onClick={props.onToggle}>
        {props.liked ? 'Liked' : 'Like'}
      </button>
      <p>
        Saved version: <output aria-label="saved version">{props.savedVersion}</output>
      </p>
    </>
  );
}
