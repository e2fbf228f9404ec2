import { Avatar } from './Avatar.js';
import { MessageBody } from './MessageBody.js';

/** Who answers, as the visitor sees them before any agent wrote. */
export interface Team {
  name: string;
  avatar: string | null;
}

/** The site's first words, as a message from the team: above an empty chat and the forms. */
export function Greeting({ team, text, hint }: { team: Team; text: string; hint?: string }) {
  return (
    <div class="greeting">
      <Avatar url={team.avatar} name={team.name} class="greeting-avatar" />
      <div class="greeting-body">
        <p class="greeting-name">{team.name}</p>
        <p class="greeting-text">
          <MessageBody text={text} />
        </p>
        {hint && <p class="greeting-hint">{hint}</p>}
      </div>
    </div>
  );
}
