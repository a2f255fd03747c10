// frappe-gantt 1.2 ships no types: the part of its API the project timeline uses.
declare module 'frappe-gantt' {
  export interface GanttTask {
    id: string;
    /** Rendered as HTML by the library: escape user text before passing it. */
    name: string;
    start: string;
    end?: string;
    progress?: number;
    /** Ids of the tasks this one waits for, comma-separated or as a list. */
    dependencies?: string | string[];
    custom_class?: string;
  }

  export interface PopupContext {
    task: GanttTask;
    get_title(): HTMLElement;
    get_subtitle(): HTMLElement;
    get_details(): HTMLElement;
  }

  export interface GanttOptions {
    view_mode?: 'Day' | 'Week' | 'Month';
    language?: string;
    readonly?: boolean;
    readonly_progress?: boolean;
    readonly_dates?: boolean;
    move_dependencies?: boolean;
    today_button?: boolean;
    view_mode_select?: boolean;
    scroll_to?: string | null;
    bar_height?: number;
    padding?: number;
    column_width?: number | null;
    container_height?: number | 'auto';
    infinite_padding?: boolean;
    lines?: 'both' | 'vertical' | 'horizontal' | 'none';
    popup?: false | ((ctx: PopupContext) => void | false);
    popup_on?: 'click' | 'hover';
    on_date_change?: (task: GanttTask, start: Date, end: Date) => void;
    on_click?: (task: GanttTask) => void;
    on_double_click?: (task: GanttTask) => void;
  }

  export default class Gantt {
    constructor(wrapper: HTMLElement | string, tasks: GanttTask[], options?: GanttOptions);
    refresh(tasks: GanttTask[]): void;
    change_view_mode(mode?: 'Day' | 'Week' | 'Month', maintainPosition?: boolean): void;
    scroll_current(): void;
    clear(): void;
  }
}
