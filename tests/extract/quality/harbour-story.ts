/** The story the trim tests put chrome around: five plain paragraphs of one page. */
export const HARBOUR_URL = 'https://paper.example/2025/06/harbour.html';
export const HARBOUR_STORY = Array.from(
  { length: 5 },
  (_, i) => `<p>Story paragraph ${i} says how the harbour was rebuilt after the storm, stone by stone, over one long winter.</p>`,
).join('');
